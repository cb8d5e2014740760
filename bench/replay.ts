// replay: ticks/s through replay feed → symbol actors → candles (6 timeframes) → indicators, 8 pairs, all workers.
import { availableParallelism } from 'node:os';
import { MARKET_KINDS } from '../actors/market.ts';
import { symbol } from '../actors/symbol/behaviour.ts';
import { symbolProps } from '../actors/symbol/messages.ts';
import { bundledBars, crypto1m } from '../data/read.ts';
import { ActorSystem, address, type ActorContext } from '../engine/index.ts';
import { ReplayCursor, type ReplayPrint } from '../feeds/replay/cursor.ts';
import type { Candle } from '../market/candles/candle.ts';
import { CandleSeries } from '../market/candles/series.ts';
import { IndicatorSet } from '../market/indicators/index.ts';
import { formatRate, report } from './report.ts';

const PAIRS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT', 'DOGEUSDT', 'LTCUSDT'];
const WORKERS = Number(process.argv[2] ?? availableParallelism());
const SECONDS = Number(process.argv[3] ?? 5);

/** A context that discards every effect: the symbol's own work, with no runtime around it. */
const nowhere = { now: () => 0, hasSubscribers: () => false, publish: () => {}, tell: () => {}, ref: (a: string) => ({ address: a }) } as unknown as ActorContext;

/** Baseline 1: the very same symbol handlers, driven by the same replay cursor, in one plain loop. */
function plainLoop(seconds: number): number {
  const cursor = new ReplayCursor(PAIRS, PAIRS.map((p) => bundledBars(crypto1m(p))), true);
  const states = PAIRS.map((s) => symbol.init(symbolProps.parse({ symbol: s }), nowhere));
  const out: ReplayPrint[] = [];
  let ticks = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 10_000; i++) {
      out.length = 0;
      cursor.step(out);
      for (const p of out) symbol.handlers.print(states[p.symbol]!, { type: 'print', time: p.time, price: p.price, qty: p.qty }, nowhere);
      ticks += out.length;
    }
  }
  return ticks / ((performance.now() - t0) / 1000);
}

/** Baseline 2: the naive way, recomputing every indicator from the whole history at each close (one pair, first 1,000 bars). */
function naive(): number {
  const bars = bundledBars(crypto1m('BTCUSDT')).slice(0, 1_000);
  const series = new CandleSeries();
  const history = new Map<string, Candle[]>();
  const t0 = performance.now();
  for (const b of bars) {
    for (const [i, price] of [b.open, b.high, b.low, b.close].entries()) {
      for (const c of series.addPrint(b.openTime + i * 15_000, price, i === 3 ? b.volume : 0)) {
        const all = history.get(c.tf) ?? [];
        all.push(c);
        history.set(c.tf, all);
        const fresh = new IndicatorSet();
        for (const x of all) fresh.update(x);
      }
    }
  }
  return (bars.length * 4) / ((performance.now() - t0) / 1000);
}

/** The engine: one replay feed, eight symbol actors spread over the workers, full speed, looping. */
async function engine(seconds: number): Promise<{ rate: number; dropped: number; outOfBand: number }> {
  const system = await ActorSystem.start({ workers: WORKERS, behaviours: MARKET_KINDS });
  for (const s of PAIRS) system.spawn('symbol', s, { symbol: s });
  system.spawn('replay', 'crypto', { feeds: PAIRS.map((s) => ({ symbol: s, file: crypto1m(s) })), speed: 0, loop: true });
  const symbolWork = async () => {
    const actors = (await system.introspect()).workers.flatMap((w) => w.actors).filter((a) => a.kind === 'symbol');
    return { processed: actors.reduce((n, a) => n + a.processed, 0), dropped: actors.reduce((n, a) => n + a.dropped, 0) };
  };
  await Bun.sleep(2_000); // warm-up: JIT, and the first pass over the data
  const a = await symbolWork();
  const t0 = performance.now();
  await Bun.sleep(seconds * 1000);
  const b = await symbolWork();
  const rate = (b.processed - a.processed) / ((performance.now() - t0) / 1000);
  system.stop(address('replay', 'crypto'));
  await system.settle();
  const views = await Promise.all(PAIRS.map((s) => system.ask<{ dropped: Record<string, number> }>(address('symbol', s), { type: 'view' })));
  await system.shutdown();
  const total = (reason: string) => views.reduce((n, v) => n + (v.dropped[reason] ?? 0), 0);
  // Out of band is expected where the loop jumps from April 30's prices back to April 2's; nothing else is.
  const impossible = total('not-finite') + total('non-positive') + total('out-of-order');
  if (impossible > 0) throw new Error(`${impossible} impossible prints: the replay is not clean`);
  return { rate, dropped: b.dropped - a.dropped, outOfBand: total('out-of-band') };
}

const plain = plainLoop(SECONDS);
console.log(`baseline, plain single-threaded loop: ${formatRate(plain)} ticks/s`);
const slow = naive();
console.log(`baseline, indicators recomputed from history at each close: ${formatRate(slow)} ticks/s`);
const { rate, dropped, outOfBand } = await engine(SECONDS);
console.log(`engine, ${WORKERS} workers: ${formatRate(rate)} ticks/s (${formatRate(rate / WORKERS)} per worker), ${dropped} dropped by mailboxes`);
report({
  bench: 'replay',
  value: Math.round(rate),
  unit: 'ticks/s',
  baseline: Math.round(plain),
  workers: WORKERS,
  per_core_vs_plain: Number((rate / WORKERS / plain).toFixed(3)),
  naive: Math.round(slow),
  vs_naive: Number((rate / slow).toFixed(1)),
  mailbox_drops: dropped,
  loop_wrap_rejects: outOfBand,
});
