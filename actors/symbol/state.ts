import type { ActorRef, Topic } from '../../engine/index.ts';
import { CandleSeries } from '../../market/candles/series.ts';
import { IndicatorSet, type IndicatorRow } from '../../market/indicators/index.ts';
import { GapDetector } from '../../market/candles/gaps.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { Candle } from '../../market/candles/candle.ts';
import { candleTopic, gapTopic, indicatorsTopic, statsTopic, tickTopic } from '../../market/topics.ts';
import { FeatureBuilder, featureSpecFor } from '../../models/features/index.ts';
import type { Message } from '../../engine/index.ts';
import { DayWindow } from './day-stats.ts';
import type { SymbolProps } from './messages.ts';
import { PrintGuard } from './print-guard.ts';

/** Topic names of one symbol, built once: a publish must not build strings per print. */
function topicsOf(props: SymbolProps) {
  const { symbol, timeframes } = props;
  return {
    tick: tickTopic(symbol),
    stats: statsTopic(props.assetClass, symbol),
    gap: gapTopic(symbol),
    candle: Object.fromEntries(timeframes.map((tf) => [tf, candleTopic(symbol, tf)])) as Record<Timeframe, Topic>,
    indicators: Object.fromEntries(timeframes.map((tf) => [tf, indicatorsTopic(symbol, tf)])) as Record<Timeframe, Topic>,
  };
}

/** The finest timeframe a symbol builds: its gaps are counted, and its stats published, in it. */
const finestOf = (tfs: readonly Timeframe[]) => tfs.reduce((a, b) => (timeframeMs(b) < timeframeMs(a) ? b : a));
/** 24h statistics come from hourly candles when there are any, else from the finest ones. */
const dayTfOf = (tfs: readonly Timeframe[]) => (tfs.includes('1h') ? '1h' : finestOf(tfs));
const dayWindowOf = (tfs: readonly Timeframe[], candles?: Candle[]) => new DayWindow(Math.max(1, Math.ceil(DAY_MS / timeframeMs(dayTfOf(tfs)))), candles);
const DAY_MS = 86_400_000;

/** Everything a symbol actor knows, and how it becomes a snapshot and back. */
export class SymbolState {
  readonly topics: ReturnType<typeof topicsOf>;
  readonly finest: Timeframe;
  readonly dayTf: Timeframe;
  /** Where closed candles are persisted, when they are. */
  store: ActorRef | null = null;
  /** Where closes of the forecast timeframe go to be scored, when the symbol is forecast. */
  forecaster: ActorRef | null = null;
  /** The forecast timeframe's feature row, reused for every close. */
  readonly featureRow: Float64Array;
  /** Closes replayed while warming that the forecaster has not seen yet: sent once the actor starts. */
  resend: Message[] = [];
  /** While warming: the open time after which closes are resent (null: none are). */
  resendAfter: number | null = null;

  constructor(
    readonly props: SymbolProps,
    readonly guard = new PrintGuard(props.bandPct, 3, undefined, props.positiveOnly),
    readonly candles = new CandleSeries(props.timeframes),
    readonly gaps = new GapDetector(finestOf(props.timeframes)),
    readonly day = dayWindowOf(props.timeframes),
    public gapCount = 0,
    readonly indicators = Object.fromEntries(props.timeframes.map((tf) => [tf, new IndicatorSet()])) as Record<Timeframe, IndicatorSet>,
    /** The indicator row of each timeframe's last closed candle. */
    readonly rows: Partial<Record<Timeframe, IndicatorRow>> = {},
    /** The model features of the forecast timeframe (models/features: the code the models were trained with). */
    readonly features: FeatureBuilder | null = props.forecast ? new FeatureBuilder(featureSpecFor(props.forecast.tf)) : null,
  ) {
    this.featureRow = new Float64Array(features?.width ?? 0);
    this.topics = topicsOf(props);
    this.finest = finestOf(props.timeframes);
    this.dayTf = dayTfOf(props.timeframes);
  }

  snapshot() {
    return {
      guard: this.guard.getState(),
      candles: this.candles.getState(),
      gaps: this.gaps.getState(),
      day: this.day.getState(),
      gapCount: this.gapCount,
      indicators: Object.fromEntries(this.props.timeframes.map((tf) => [tf, this.indicators[tf].getState()])),
      rows: structuredClone(this.rows),
      features: this.features?.getState() ?? null,
    };
  }

  static restore(props: SymbolProps, snap: ReturnType<SymbolState['snapshot']>): SymbolState {
    const gaps = new GapDetector(finestOf(props.timeframes));
    gaps.restore(snap.gaps);
    const indicators = Object.fromEntries(props.timeframes.map((tf) => [tf, IndicatorSet.restore(snap.indicators[tf])])) as Record<Timeframe, IndicatorSet>;
    return new SymbolState(
      props,
      new PrintGuard(props.bandPct, 3, snap.guard, props.positiveOnly),
      CandleSeries.restore(snap.candles),
      gaps,
      dayWindowOf(props.timeframes, snap.day),
      snap.gapCount,
      indicators,
      snap.rows,
      snap.features ? FeatureBuilder.fromState(snap.features) : undefined,
    );
  }
}
