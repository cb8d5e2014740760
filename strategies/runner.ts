import { timeframeMs, type Timeframe } from '../market/timeframes.ts';
import { applyFill, dropPending, emptyBook, equityOf, pendingQty, roundQty, type BookState } from './book.ts';
import type { StrategyConfig } from './config.ts';
import { checkExits } from './exits.ts';
import { checkParams } from './module.ts';
import { clientOrderIdOf, orderIntentSchema, type Signal, type Trigger } from './signal.ts';
import { sizeOf } from './sizing.ts';
import type { CandleEvent, FillEvent, ForecastEvent, IndicatorsEvent, Intents, OrderIntent, Side, Strategy, StrategyContext, StrategyDefinition } from './strategy.ts';

/** Everything a runner carries between events, as plain JSON: what snapshots and restarts keep. */
export interface RunnerState {
  book: BookState;
  /** Last close per symbol, any timeframe. */
  lastClose: Record<string, number>;
  /** Closes of the decision timeframe, as many as volatility sizing needs. */
  closes: Record<string, number[]>;
  /** The newest event heard per stream (`c.BTCUSDT.1h` → openTime): a re-delivered one is ignored. */
  seen: Record<string, number>;
  /** The strategy's own `getState()`. */
  strategy: unknown;
  /** Intents dropped and hooks that threw, counted. */
  skipped: number;
  errors: number;
}

/** What one event decided: the signals to send, what was dropped and why, a hook's error. */
export interface Outcome {
  readonly signals: Signal[];
  readonly skipped: readonly { readonly intent: unknown; readonly why: string }[];
  readonly error: string | null;
}

const NOTHING: Outcome = { signals: [], skipped: [], error: null };

/**
 * Runs one strategy: filters and de-duplicates its events, keeps its book, checks stop-loss and
 * take-profit, asks the strategy, and turns what it answers into signals with deterministic
 * client_order_ids, within `direction`. Pure: the actor, the backtest's plain loop and the tests
 * drive the same object, and `getState()` / `new StrategyRunner(def, config, state)` resume it.
 */
export class StrategyRunner {
  private readonly strategy: Strategy;
  private readonly s: RunnerState;
  private readonly symbols: ReadonlySet<string>;
  private readonly timeframes: ReadonlySet<Timeframe>;
  private readonly keepCloses: number;

  constructor(
    definition: StrategyDefinition,
    readonly config: StrategyConfig,
    saved?: RunnerState,
  ) {
    const params = checkParams(definition, config.params);
    this.strategy = definition.create({ params, config, state: saved?.strategy });
    this.s = saved ? structuredClone(saved) : { book: emptyBook(config.capital), lastClose: {}, closes: {}, seen: {}, strategy: undefined, skipped: 0, errors: 0 };
    this.symbols = new Set(config.symbols);
    this.timeframes = new Set([config.timeframe, ...config.timeframes]);
    this.keepCloses = config.sizing.kind === 'volatility' ? config.sizing.lookback + 1 : 0;
  }

  /** Which hooks the strategy has: the actor subscribes to those topics only. */
  get hears(): { candles: boolean; indicators: boolean; forecasts: boolean } {
    return { candles: true, indicators: this.strategy.onIndicators !== undefined, forecasts: this.strategy.onForecast !== undefined };
  }

  candle(e: CandleEvent): Outcome {
    if (!this.fresh('c', e.symbol, e.tf, e.candle.openTime)) return NOTHING;
    const s = this.s;
    s.lastClose[e.symbol] = e.candle.close;
    const decision = e.tf === this.config.timeframe;
    if (decision && this.keepCloses > 0) {
      const closes = (s.closes[e.symbol] ??= []);
      closes.push(e.candle.close);
      if (closes.length > this.keepCloses) closes.splice(0, closes.length - this.keepCloses);
    }
    const d = new Decision(this, e.symbol, e.tf, e.time);
    if (decision) d.take('exit', checkExits(this.config.exits, this.context(e.time), e.symbol, e.candle));
    d.ask('candle', () => this.strategy.onCandle?.(e, this.context(e.time)));
    return d.outcome();
  }

  indicators(e: IndicatorsEvent): Outcome {
    if (!this.strategy.onIndicators || !this.fresh('i', e.symbol, e.tf, e.openTime)) return NOTHING;
    const d = new Decision(this, e.symbol, e.tf, e.time);
    d.ask('indicators', () => this.strategy.onIndicators!(e, this.context(e.time)));
    return d.outcome();
  }

  forecast(e: ForecastEvent): Outcome {
    if (!this.strategy.onForecast || !this.fresh('f', e.symbol, e.tf, e.openTime)) return NOTHING;
    const d = new Decision(this, e.symbol, e.tf, e.madeAt);
    d.ask('forecast', () => this.strategy.onForecast!(e, this.context(e.madeAt)));
    return d.outcome();
  }

  /** A fill of an order of this strategy's (`ownsOrder`); the book takes it before the strategy hears it. */
  fill(e: FillEvent): Outcome {
    applyFill(this.s.book, e.clientOrderId, e.symbol, e.side, e.qty, e.price);
    const reason = this.s.book.pending[e.clientOrderId]?.reason ?? e.reason;
    const d = new Decision(this, e.symbol, null, e.time);
    d.ask('fill', () => this.strategy.onFill?.({ ...e, reason }, this.context(e.time)));
    return d.outcome();
  }

  /** An order of this strategy's that will not fill (any more): rejected, canceled, expired, or never delivered. */
  done(clientOrderId: string): void {
    dropPending(this.s.book, clientOrderId);
  }

  /** Records signals as sent: their quantities count as pending until filled or done. */
  sent(signals: readonly Signal[]): void {
    for (const g of signals) this.s.book.pending[g.clientOrderId] = { symbol: g.symbol, side: g.side, qty: g.qty, reason: g.reason, time: g.time };
  }

  get book(): Readonly<BookState> {
    return this.s.book;
  }

  /**
   * Puts a book in place: after warming up on stored candles (whose intents were never sent and
   * whose pending orders are none), the book comes back as it was saved.
   */
  replaceBook(book: BookState): void {
    this.s.book = structuredClone(book);
  }

  /**
   * A copy that later events cannot change. Positions and pending orders are replaced on every
   * change, never edited, so the copy shares them; only the arrays and the strategy's own state
   * (whatever its getState hands out) are copied. An actor snapshots after every candle: a deep
   * clone of everything cost 50 times more.
   */
  getState(): RunnerState {
    const s = this.s;
    const strategy = this.strategy.getState?.();
    return {
      book: { cash: s.book.cash, realizedPnl: s.book.realizedPnl, positions: { ...s.book.positions }, pending: { ...s.book.pending } },
      lastClose: { ...s.lastClose },
      closes: Object.fromEntries(Object.entries(s.closes).map(([sym, c]) => [sym, c.slice()])),
      seen: { ...s.seen },
      strategy: strategy === undefined ? undefined : structuredClone(strategy),
      skipped: s.skipped,
      errors: s.errors,
    };
  }

  /** The context a hook sees, as of `time`. */
  context(time: number): StrategyContext {
    const s = this.s;
    const book = s.book;
    const price = (sym: string) => s.lastClose[sym];
    const equity = equityOf(book, price);
    const position = (sym: string) => book.positions[sym]?.qty ?? 0;
    return {
      id: this.config.id,
      config: this.config,
      time,
      cash: book.cash ?? Number.NaN,
      equity,
      positions: book.positions,
      position,
      pending: (sym) => pendingQty(book, sym),
      exposure: (sym) => roundQty(position(sym) + pendingQty(book, sym)),
      price,
      size: (sym, at = price(sym)) => sizeOf(this.config.sizing, at, equity, s.closes[sym] ?? [], this.config.timeframe),
    };
  }

  /** True once per stream and candle: a re-delivered or older event is not decided on twice. */
  private fresh(kind: string, symbol: string, tf: Timeframe, openTime: number): boolean {
    if (!this.symbols.has(symbol) || !this.timeframes.has(tf)) return false;
    const key = `${kind}.${symbol}.${tf}`;
    const last = this.s.seen[key];
    if (last !== undefined && openTime <= last) return false;
    this.s.seen[key] = openTime;
    return true;
  }

  /** @internal for Decision */
  count(skipped: number, error: boolean): void {
    this.s.skipped += skipped;
    if (error) this.s.errors++;
  }
}

/** The intents of one event becoming signals: numbered in order, checked, clipped to the direction. */
class Decision {
  private readonly signals: Signal[] = [];
  private readonly skipped: { intent: unknown; why: string }[] = [];
  private error: string | null = null;
  private n = 0;

  constructor(
    private readonly runner: StrategyRunner,
    private readonly symbol: string,
    private readonly tf: Timeframe | null,
    private readonly time: number,
  ) {}

  /** Calls a strategy hook; a hook that throws decides nothing, and says why. */
  ask(trigger: Trigger, hook: () => Intents): void {
    let intents: Intents;
    try {
      intents = hook();
    } catch (e) {
      this.error = `${trigger} hook threw: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (intents === undefined || intents === null) return;
    if (!Array.isArray(intents)) {
      this.error = `${trigger} hook must answer an array of intents or nothing, got ${typeof intents}`;
      return;
    }
    this.take(trigger, intents);
  }

  take(trigger: Trigger, intents: readonly OrderIntent[]): void {
    const { config } = this.runner;
    for (const raw of intents) {
      const parsed = orderIntentSchema.safeParse(raw);
      if (!parsed.success) {
        this.skip(raw, parsed.error.issues.map((i) => i.message).join('; '));
        continue;
      }
      const intent = parsed.data;
      if (!config.symbols.includes(intent.symbol)) {
        this.skip(raw, `${intent.symbol} is not one of the strategy's symbols`);
        continue;
      }
      const qty = this.allowed(intent.symbol, intent.side, roundQty(intent.qty));
      if (qty <= 0) {
        this.skip(raw, intent.qty > 0 ? 'long-only: nothing held to sell' : 'quantity 0');
        continue;
      }
      const ctx = this.runner.context(this.time);
      const signal: Signal = {
        strategyId: config.id,
        clientOrderId: clientOrderIdOf(config.id, this.symbol, this.tf, trigger, this.time, this.n++),
        time: this.time,
        symbol: intent.symbol,
        side: intent.side,
        qty,
        orderType: intent.type,
        limitPrice: intent.limitPrice ?? null,
        stopPrice: intent.stopPrice ?? null,
        timeInForce: intent.timeInForce,
        reason: intent.reason,
        trigger,
        price: ctx.price(intent.symbol) ?? null,
        status: 'sent',
        note: null,
      };
      this.signals.push(signal);
      this.runner.sent([signal]); // the next intent of the same event sees this one as pending
    }
  }

  /** A long-only strategy sells at most what it will hold; a long-short one anything. */
  private allowed(symbol: string, side: Side, qty: number): number {
    if (side === 'buy' || this.runner.config.direction === 'long-short') return qty;
    const held = this.runner.context(this.time).exposure(symbol);
    return roundQty(Math.min(qty, Math.max(0, held)));
  }

  private skip(intent: unknown, why: string): void {
    this.skipped.push({ intent, why });
  }

  outcome(): Outcome {
    this.runner.count(this.skipped.length, this.error !== null);
    if (this.signals.length === 0 && this.skipped.length === 0 && this.error === null) return NOTHING;
    return { signals: this.signals, skipped: this.skipped, error: this.error };
  }
}

/** When a candle of `tf` that opened at `openTime` closes: the time its decisions are stamped with. */
export const closeTimeOf = (openTime: number, tf: Timeframe): number => openTime + timeframeMs(tf);
