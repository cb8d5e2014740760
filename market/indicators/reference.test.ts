import { describe, expect, test } from 'bun:test';
import { readBundledSync } from '../../data/read.ts';
import { Adx } from './adx.ts';
import { INDICATOR_COLUMNS, IndicatorSet, type IndicatorColumn } from './indicator-set.ts';
import type { Ohlcv } from './ohlcv.ts';
import { adx, referenceColumns, type Series } from './reference.ts';

/** Bars from a CSV with open, high, low, close and volume columns, in any order. */
function parseBars(csv: string, limit = Infinity): Ohlcv[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const names = header!.split(',');
  const at = (name: string) => names.indexOf(name);
  const [o, h, l, c, v] = ['open', 'high', 'low', 'close', 'volume'].map(at) as [number, number, number, number, number];
  return lines.slice(0, limit).map((line, row) => {
    const f = line.split(',');
    const bar = { open: +f[o]!, high: +f[h]!, low: +f[l]!, close: +f[c]!, volume: +f[v]! };
    if (!Object.values(bar).every(Number.isFinite)) throw new Error(`row ${row + 1} is not numeric: ${line}`);
    return bar;
  });
}

const DATASETS: Record<string, Ohlcv[]> = {
  'BTCUSDT 1m (first 5,000)': parseBars(readBundledSync('crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv'), 5_000),
  'AAPL daily': parseBars(readBundledSync('stocks/daily/AAPL_data.csv')),
};

// TA-Lib's lookbacks; MACD's own line starts where both EMAs exist (slow - 1).
const TA_LIB_LOOKBACK: Record<IndicatorColumn, number> = {
  sma_20: 19, ema_20: 19, rsi_14: 14, macd: 25, macd_signal: 33, macd_hist: 33, bb_upper: 19, bb_middle: 19,
  bb_lower: 19, atr_14: 14, stoch_k: 17, stoch_d: 17, obv: 0, adx_14: 27, willr_14: 13, cci_20: 19, mfi_14: 14,
};
const BOLLINGER = new Set<IndicatorColumn>(['bb_upper', 'bb_middle', 'bb_lower']);

/** Relative error, with values under 1 in magnitude compared absolutely (oscillators cross 0). */
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.max(1, Math.abs(expected));

/** Fails on a null where the other has a value; returns the largest error over the rest. */
function compare(name: string, actual: Series, expected: Series, error: (a: number, e: number) => number): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((a, i) => {
    const e = expected[i];
    if (a === null || e === null || e === undefined) {
      if (a !== e) throw new Error(`${name} at bar ${i}: ${a} but reference ${e}`);
      return;
    }
    expect(Number.isFinite(a)).toBe(true);
    worst = Math.max(worst, error(a, e));
  });
  return worst;
}

for (const [dataset, bars] of Object.entries(DATASETS)) {
  describe(`on ${dataset}`, () => {
    const set = new IndicatorSet();
    const rows = bars.map((bar) => set.update(bar));
    const expected = referenceColumns(bars);

    test('every column agrees with the reference (1e-6 relative; Bollinger 2e-6 absolute)', () => {
      for (const column of INDICATOR_COLUMNS) {
        const actual = rows.map((r) => r[column]);
        if (BOLLINGER.has(column)) {
          expect(compare(column, actual, expected[column], (a, e) => Math.abs(a - e))).toBeLessThanOrEqual(2e-6);
        } else {
          expect(compare(column, actual, expected[column], relativeError)).toBeLessThanOrEqual(1e-6);
        }
      }
    });

    test("each column's first value comes at TA-Lib's lookback", () => {
      for (const column of INDICATOR_COLUMNS) {
        expect({ column, first: rows.findIndex((r) => r[column] !== null) }).toEqual({ column, first: TA_LIB_LOOKBACK[column] });
      }
      expect(set.lookbacks).toEqual(TA_LIB_LOOKBACK);
    });

    test('+DI, -DI and DX agree with the reference from bar 14', () => {
      const indicator = new Adx(14);
      const values = bars.map((bar) => indicator.update(bar));
      const reference = adx(bars, 14);
      for (const key of ['plusDI', 'minusDI', 'dx'] as const) {
        expect(compare(key, values.map((v) => v?.[key] ?? null), reference[key], relativeError)).toBeLessThanOrEqual(1e-6);
      }
    });

    test('a set restored mid-stream from JSON, and previews, match the uninterrupted run', () => {
      const half = Math.floor(bars.length / 2);
      const live = new IndicatorSet();
      bars.slice(0, half).forEach((bar) => live.update(bar));
      const restored = IndicatorSet.restore(JSON.parse(JSON.stringify(live.getState())));
      bars.slice(half).forEach((bar, k) => {
        expect(restored.preview(bar)).toEqual(rows[half + k]!);
        expect(restored.update(bar)).toEqual(rows[half + k]!);
      });
      expect(restored.isStable).toBe(true);
    });
  });
}
