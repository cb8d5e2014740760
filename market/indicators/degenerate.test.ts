import { describe, expect, test } from 'bun:test';
import { INDICATOR_COLUMNS, IndicatorSet, type IndicatorRow } from './indicator-set.ts';
import type { Ohlcv } from './ohlcv.ts';
import { referenceColumns } from './reference.ts';
import { syntheticBars } from './synthetic-bars.ts';

const flat = (price: number, count: number, volume = 5): Ohlcv[] =>
  Array.from({ length: count }, () => ({ open: price, high: price, low: price, close: price, volume }));

const run = (bars: Ohlcv[]): IndicatorRow[] => {
  const set = new IndicatorSet();
  return bars.map((bar) => set.update(bar));
};

const expectAllFinite = (rows: IndicatorRow[]) => {
  for (const row of rows) for (const c of INDICATOR_COLUMNS) if (row[c] !== null) expect({ c, v: Number.isFinite(row[c]) }).toEqual({ c, v: true });
};

describe('a flat market', () => {
  // 0.1, 1.15 and 58760.34 are prices whose plain mean over 20 bars misses the price by an ulp.
  for (const price of [58760.34, 100, 1.15, 0.1]) {
    for (const volume of [5, 0]) {
      test(`at ${price}, volume ${volume}: every oscillator 0, bands closed, all finite`, () => {
        const rows = run(flat(price, 60, volume));
        expectAllFinite(rows);
        const row = rows.at(-1)!;
        for (const c of ['sma_20', 'ema_20', 'bb_middle'] as const) expect(row[c]!).toBeCloseTo(price, 9);
        expect(row.bb_upper).toBe(row.bb_middle);
        expect(row.bb_lower).toBe(row.bb_middle);
        for (const c of ['rsi_14', 'atr_14', 'stoch_k', 'stoch_d', 'adx_14', 'willr_14', 'cci_20', 'mfi_14'] as const) {
          expect({ c, v: row[c] }).toEqual({ c, v: 0 });
        }
        for (const c of ['macd', 'macd_signal', 'macd_hist'] as const) expect(Math.abs(row[c]!)).toBeLessThan(1e-9 * price);
        expect(row.obv).toBe(volume); // no close ever moved: the first bar's volume stays
      });
    }
  }

  test('after a move: zero range gives TA-Lib zeros, finite everywhere', () => {
    const moving = syntheticBars(60, 3, 58_000); // flat stretches start at bar 70: none here
    const rows = run([...moving, ...flat(58760.34, 40)]);
    expectAllFinite(rows);
    const row = rows.at(-1)!;
    expect(row.bb_upper).toBe(row.bb_middle);
    expect(row.cci_20).toBe(0);
    expect(row.willr_14).toBe(0);
    // TA-Lib's running SMA of fast %K leaves rounding residue of the earlier range: ~1e-13, not NaN.
    expect(Math.abs(row.stoch_k!)).toBeLessThan(1e-9);
    expect(Math.abs(row.stoch_d!)).toBeLessThan(1e-9);
    expect(row.atr_14!).toBeGreaterThan(0); // Wilder's average only decays
  });
});

test('a stream with flat stretches and volumeless bars agrees with the reference', () => {
  const bars = syntheticBars(1_000, 11);
  const rows = run(bars);
  expectAllFinite(rows);
  const expected = referenceColumns(bars);
  for (const c of INDICATOR_COLUMNS) {
    rows.forEach((row, i) => {
      const e = expected[c][i] ?? null;
      const a = row[c];
      if (a === null || e === null) return expect({ c, i, a }).toEqual({ c, i, a: e });
      expect({ c, i, ok: Math.abs(a - e) <= 1e-6 * Math.max(1, Math.abs(e)) }).toEqual({ c, i, ok: true });
    });
  }
});

test('a non-finite bar is refused before it touches the state', () => {
  const set = new IndicatorSet();
  syntheticBars(40, 5).forEach((bar) => set.update(bar));
  const before = JSON.stringify(set.getState());
  for (const bad of [NaN, Infinity, -Infinity]) {
    expect(() => set.update({ open: 1, high: 1, low: 1, close: bad, volume: 1 })).toThrow(RangeError);
    expect(() => set.preview({ open: 1, high: bad, low: 1, close: 1, volume: 1 })).toThrow(RangeError);
  }
  expect(JSON.stringify(set.getState())).toBe(before);
});
