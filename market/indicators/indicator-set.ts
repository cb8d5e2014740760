import { z } from 'zod';
import { Adx } from './adx.ts';
import { Atr } from './atr.ts';
import { BollingerBands } from './bollinger-bands.ts';
import { Cci } from './cci.ts';
import { Ema } from './ema.ts';
import { Macd } from './macd.ts';
import { Mfi } from './mfi.ts';
import { Obv } from './obv.ts';
import { assertFiniteBar, type Ohlcv } from './ohlcv.ts';
import { Rsi } from './rsi.ts';
import { Sma } from './sma.ts';
import { Stochastic } from './stochastic.ts';
import { WilliamsR } from './williams-r.ts';

/** The default set's columns, in the order rows and CSV output use. */
export const INDICATOR_COLUMNS = [
  'sma_20', 'ema_20', 'rsi_14', 'macd', 'macd_signal', 'macd_hist', 'bb_upper', 'bb_middle', 'bb_lower',
  'atr_14', 'stoch_k', 'stoch_d', 'obv', 'adx_14', 'willr_14', 'cci_20', 'mfi_14',
] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];
/** One bar's values; null while that column's indicator warms up. Keys are in column order. */
export type IndicatorRow = Record<IndicatorColumn, number | null>;

/** The default set's parameters, which the column names spell out. */
const DEFAULTS = {
  sma: { period: 20 }, ema: { period: 20 }, rsi: { period: 14 }, macd: { fast: 12, slow: 26, signal: 9 },
  bollinger: { period: 20, stdDevs: 2 }, atr: { period: 14 }, stochastic: { fastK: 14, slowK: 3, slowD: 3 },
  obv: {}, adx: { period: 14 }, williamsR: { period: 14 }, cci: { period: 20 }, mfi: { period: 14 },
} as const;

const makeMembers = () => ({
  sma: new Sma(DEFAULTS.sma.period), ema: new Ema(DEFAULTS.ema.period), rsi: new Rsi(DEFAULTS.rsi.period),
  macd: new Macd(DEFAULTS.macd), bollinger: new BollingerBands(DEFAULTS.bollinger), atr: new Atr(DEFAULTS.atr.period),
  stochastic: new Stochastic(DEFAULTS.stochastic), obv: new Obv(), adx: new Adx(DEFAULTS.adx.period),
  williamsR: new WilliamsR(DEFAULTS.williamsR.period), cci: new Cci(DEFAULTS.cci.period), mfi: new Mfi(DEFAULTS.mfi.period),
});
type Members = ReturnType<typeof makeMembers>;
type MemberName = keyof Members;
const MEMBER_NAMES = Object.keys(DEFAULTS) as MemberName[];

// Each member validates its own state when restored; the set only insists on the default
// parameters, since an SMA 10 restored as sma_20 would mislabel its column.
const withParameters = (params: Record<string, number>) =>
  z.looseObject(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, z.literal(value)])));
const memberSchemas = {} as Record<MemberName, z.ZodType>;
for (const name of MEMBER_NAMES) memberSchemas[name] = withParameters(DEFAULTS[name]);
const setStateSchema = z.object(memberSchemas);
export type IndicatorSetState = { [K in MemberName]: ReturnType<Members[K]['getState']> };

/**
 * The default indicators of one timeframe's candle stream, fed together: one row per closed
 * bar (`update`), or for the forming bar (`preview`). The symbol actors and the `ta` CLI both
 * run this very class.
 */
export class IndicatorSet {
  static readonly columns = INDICATOR_COLUMNS;
  private members: Members = makeMembers();

  /** The bar index of each column's first value: TA-Lib's lookbacks (MACD itself from slow - 1). */
  get lookbacks(): Record<IndicatorColumn, number> {
    const m = this.members;
    return {
      sma_20: m.sma.lookback, ema_20: m.ema.lookback, rsi_14: m.rsi.lookback, macd: m.macd.lookback,
      macd_signal: m.macd.signalLookback, macd_hist: m.macd.signalLookback, bb_upper: m.bollinger.lookback,
      bb_middle: m.bollinger.lookback, bb_lower: m.bollinger.lookback, atr_14: m.atr.lookback,
      stoch_k: m.stochastic.lookback, stoch_d: m.stochastic.lookback, obv: m.obv.lookback, adx_14: m.adx.adxLookback,
      willr_14: m.williamsR.lookback, cci_20: m.cci.lookback, mfi_14: m.mfi.lookback,
    };
  }

  /** True once every column has a value. */
  get isStable(): boolean {
    return MEMBER_NAMES.every((name) => this.members[name].isStable);
  }

  update(bar: Ohlcv): IndicatorRow {
    return this.row(bar, true);
  }

  preview(bar: Ohlcv): IndicatorRow {
    return this.row(bar, false);
  }

  /**
   * One code path for `update` and `preview`. Each member is called directly (every call site
   * sees one class) through `evaluate`, which skips the member's own check of the bar; the
   * multi-valued ones hand back their outputs in place. The row is the only object a bar
   * allocates, and a fresh one every bar: callers keep rows (a symbol actor holds each
   * timeframe's last one and publishes it), so a reused object would change under them.
   */
  private row(bar: Ohlcv, commit: boolean): IndicatorRow {
    assertFiniteBar(bar); // once for all, before any member moves: a bad bar must not leave some updated
    const m = this.members;
    const macd = m.macd.evaluate(bar, commit), bands = m.bollinger.evaluate(bar, commit), stoch = m.stochastic.evaluate(bar, commit);
    return {
      sma_20: m.sma.evaluate(bar, commit), ema_20: m.ema.evaluate(bar, commit), rsi_14: m.rsi.evaluate(bar, commit),
      macd: macd?.macd ?? null, macd_signal: macd?.signal ?? null, macd_hist: macd?.histogram ?? null,
      bb_upper: bands?.upper ?? null, bb_middle: bands?.middle ?? null, bb_lower: bands?.lower ?? null,
      atr_14: m.atr.evaluate(bar, commit), stoch_k: stoch?.k ?? null, stoch_d: stoch?.d ?? null, obv: m.obv.evaluate(bar, commit),
      adx_14: m.adx.evaluate(bar, commit)?.adx ?? null, willr_14: m.williamsR.evaluate(bar, commit), cci_20: m.cci.evaluate(bar, commit),
      mfi_14: m.mfi.evaluate(bar, commit),
    };
  }

  getState(): IndicatorSetState {
    const m = this.members;
    return {
      sma: m.sma.getState(), ema: m.ema.getState(), rsi: m.rsi.getState(), macd: m.macd.getState(),
      bollinger: m.bollinger.getState(), atr: m.atr.getState(), stochastic: m.stochastic.getState(),
      obv: m.obv.getState(), adx: m.adx.getState(), williamsR: m.williamsR.getState(), cci: m.cci.getState(),
      mfi: m.mfi.getState(),
    };
  }

  static restore(state: unknown): IndicatorSet {
    const s = setStateSchema.parse(state);
    const set = new IndicatorSet();
    set.members = {
      sma: Sma.restore(s.sma), ema: Ema.restore(s.ema), rsi: Rsi.restore(s.rsi), macd: Macd.restore(s.macd),
      bollinger: BollingerBands.restore(s.bollinger), atr: Atr.restore(s.atr), stochastic: Stochastic.restore(s.stochastic),
      obv: Obv.restore(s.obv), adx: Adx.restore(s.adx), williamsR: WilliamsR.restore(s.williamsR), cci: Cci.restore(s.cci),
      mfi: Mfi.restore(s.mfi),
    };
    return set;
  }
}

/** A row's values in column order, e.g. for a CSV line. */
export const rowValues = (row: IndicatorRow): (number | null)[] => INDICATOR_COLUMNS.map((c) => row[c]);
