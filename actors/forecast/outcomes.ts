import { accuracyOf, type Accuracy, type ScoredForecast } from '../../models/accuracy/index.ts';
import type { ForecastRecord } from '../../storage/sqlite/index.ts';

/** A forecast whose target time has passed, with the price it is scored against. */
export interface Settled {
  readonly forecast: ForecastRecord;
  readonly realisedTime: number;
  readonly realisedPrice: number;
  /** No candle closed at the target time (a gap): the price is the last one before it, not scored. */
  readonly synthetic: boolean;
}

/**
 * One symbol's forecasts on one timeframe that still wait for their target time, and the latest
 * scored outcomes of each model for its rolling accuracy. Fed the symbol's closes in time order.
 */
export class SymbolOutcomes {
  /** In target-time order. */
  private readonly waiting: ForecastRecord[] = [];
  private readonly scored = new Map<string, ScoredForecast[]>();
  private lastClose: number | null = null;

  constructor(private readonly window: number) {}

  get pending(): number {
    return this.waiting.length;
  }

  wait(f: ForecastRecord): void {
    let i = this.waiting.length;
    while (i > 0 && this.waiting[i - 1]!.targetTime > f.targetTime) i--;
    this.waiting.splice(i, 0, f);
  }

  /**
   * A candle closed at `closeTime`: every forecast targeting it or earlier is settled. A target
   * no candle closed at (the venue was halted) takes the price in force then, the previous
   * close, and is flagged synthetic: that price was never traded at the target time.
   */
  close(closeTime: number, close: number): Settled[] {
    const settled: Settled[] = [];
    while (this.waiting.length > 0 && this.waiting[0]!.targetTime <= closeTime) {
      const forecast = this.waiting.shift()!;
      const exact = forecast.targetTime === closeTime;
      settled.push({ forecast, realisedTime: forecast.targetTime, realisedPrice: exact ? close : (this.lastClose ?? close), synthetic: !exact });
    }
    this.lastClose = close;
    return settled;
  }

  /** Adds a scored outcome (synthetic ones are left out) and answers the model's rolling accuracy. */
  score(s: Settled): Accuracy {
    const { model } = s.forecast;
    let recent = this.scored.get(model);
    if (!recent) this.scored.set(model, (recent = []));
    if (!s.synthetic) {
      recent.push({ ...s.forecast, realisedPrice: s.realisedPrice });
      if (recent.length > this.window) recent.shift();
    }
    return accuracyOf(recent);
  }

  /** Outcomes scored before a restart, oldest first, so the rolling accuracy carries on. */
  remember(model: string, outcomes: readonly ScoredForecast[]): void {
    this.scored.set(model, outcomes.slice(-this.window));
  }
}
