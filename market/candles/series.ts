import { TIMEFRAMES, type Timeframe } from '../timeframes.ts';
import { CandleBuilder } from './builder.ts';
import type { Bar, Candle } from './candle.ts';

const NONE: readonly Candle[] = Object.freeze([]);

/**
 * The candles of every timeframe of one symbol, fed by the same prints. What closed on an input
 * comes back in timeframe order (1m before 5m ...), an empty shared array when nothing did.
 */
export class CandleSeries {
  private readonly builders: CandleBuilder[];

  constructor(readonly timeframes: readonly Timeframe[] = TIMEFRAMES, builders?: CandleBuilder[]) {
    this.builders = builders ?? timeframes.map((tf) => new CandleBuilder(tf));
  }

  /** Every print of every symbol comes through here: a plain loop, no closure to allocate. */
  addPrint(time: number, price: number, volume: number): readonly Candle[] {
    let closed: Candle[] | null = null;
    for (const b of this.builders) {
      const c = b.addPrint(time, price, volume);
      if (c) (closed ??= []).push(c);
    }
    return closed ?? NONE;
  }

  addBar(bar: Bar): readonly Candle[] {
    return this.collect((b) => b.addBar(bar));
  }

  closeAt(time: number): readonly Candle[] {
    return this.collect((b) => b.closeAt(time));
  }

  /** What `step` closed on each builder, in timeframe order; the shared empty array when nothing did. */
  private collect(step: (b: CandleBuilder) => Candle | null): readonly Candle[] {
    let closed: Candle[] | null = null;
    for (const b of this.builders) {
      const c = step(b);
      if (c) (closed ??= []).push(c);
    }
    return closed ?? NONE;
  }

  forming(tf: Timeframe): Candle | null {
    return this.builders.find((b) => b.tf === tf)?.current ?? null;
  }

  getState() {
    return { timeframes: [...this.timeframes], builders: this.builders.map((b) => b.getState()) };
  }

  static restore(state: ReturnType<CandleSeries['getState']>): CandleSeries {
    return new CandleSeries(state.timeframes, state.builders.map((s) => CandleBuilder.restore(s)));
  }
}
