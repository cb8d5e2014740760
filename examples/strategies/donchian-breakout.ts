/**
 * A strategy of your own: a Donchian channel breakout, written against Tickflow's strategy
 * interface (strategies/strategy.ts). Start it with a config whose `module` is this file's path:
 *
 *   curl -X POST localhost:3000/api/strategies -H 'content-type: application/json' -d '{
 *     "id": "btc-donchian", "module": "examples/strategies/donchian-breakout.ts",
 *     "symbols": ["BTCUSDT"], "timeframe": "15m", "accountId": "<your account id>",
 *     "params": { "entry": 20, "exit": 10 }, "sizing": { "kind": "fixed", "qty": 0.1 } }'
 *
 * A module exports a definition as `default` (or as `strategy`): a name, a zod schema of its
 * params, and `create`, which makes the strategy from the checked params and, after a restart,
 * from the state its `getState` returned. Hooks answer order intents; the runner around them
 * numbers them, keeps the book, applies the config's sizing, exits and direction.
 */
import { z } from 'zod';
import type { OrderIntent, StrategyDefinition } from '../../strategies/index.ts';

const params = z
  .object({
    /** Go long when a close breaks above the highest high of this many candles before it. */
    entry: z.number().int().min(2).default(20),
    /** Sell when a close breaks below the lowest low of this many candles before it. */
    exit: z.number().int().min(2).default(10),
  })
  .strict();

/** Per symbol: the recent highs and lows (no more than the longer channel needs) and the entry price. */
interface Channel {
  highs: number[];
  lows: number[];
  entryPrice: number | null;
}

const donchian: StrategyDefinition<z.output<typeof params>> = {
  name: 'donchian-breakout',
  params,
  create({ params: p, config, state }) {
    const saved = (state ?? {}) as Record<string, Channel>;
    const channels = new Map<string, Channel>(config.symbols.map((s) => [s, saved[s] ?? { highs: [], lows: [], entryPrice: null }]));
    const keep = Math.max(p.entry, p.exit);
    return {
      onCandle(e, ctx) {
        const ch = channels.get(e.symbol);
        if (!ch || e.tf !== config.timeframe) return;
        const { high, low, close } = e.candle;
        const upper = ch.highs.length >= p.entry ? Math.max(...ch.highs.slice(-p.entry)) : null;
        const lower = ch.lows.length >= p.exit ? Math.min(...ch.lows.slice(-p.exit)) : null;
        ch.highs.push(high);
        ch.lows.push(low);
        if (ch.highs.length > keep) ch.highs.shift(), ch.lows.shift();
        const held = ctx.exposure(e.symbol);
        const intents: OrderIntent[] = [];
        if (held === 0 && upper !== null && close > upper) {
          intents.push({ symbol: e.symbol, side: 'buy', qty: ctx.size(e.symbol), reason: `close ${close} broke the ${p.entry}-candle high ${upper}` });
        } else if (held > 0 && lower !== null && close < lower) {
          intents.push({ symbol: e.symbol, side: 'sell', qty: held, reason: `close ${close} broke the ${p.exit}-candle low ${lower}` });
        }
        return intents;
      },
      onFill(f, ctx) {
        // The book already counts the fill; the strategy keeps what it wants of it.
        const ch = channels.get(f.symbol);
        if (ch) ch.entryPrice = ctx.position(f.symbol) > 0 ? (ctx.positions[f.symbol]?.avgEntryPrice ?? f.price) : null;
      },
      getState: () => Object.fromEntries(channels),
    };
  },
};

export default donchian;
