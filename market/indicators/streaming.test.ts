import { describe, expect, test } from 'bun:test';
import { Adx } from './adx.ts';
import { Atr } from './atr.ts';
import { BollingerBands } from './bollinger-bands.ts';
import { Cci } from './cci.ts';
import { Ema } from './ema.ts';
import type { Indicator } from './indicator.ts';
import { Macd } from './macd.ts';
import { Mfi } from './mfi.ts';
import { Obv } from './obv.ts';
import { Rsi } from './rsi.ts';
import { Sma } from './sma.ts';
import { Stochastic } from './stochastic.ts';
import { syntheticBars } from './synthetic-bars.ts';
import { WilliamsR } from './williams-r.ts';

type AnyIndicator = Indicator<unknown, unknown>;
interface Case {
  make: () => AnyIndicator;
  restore: (state: unknown) => AnyIndicator;
  /** Bar index from which every output is non-null. */
  stableFrom: number;
}

const CASES: Record<string, Case> = {
  'SMA 20': { make: () => new Sma(20), restore: Sma.restore, stableFrom: 19 },
  'EMA 20': { make: () => new Ema(20), restore: Ema.restore, stableFrom: 19 },
  'RSI 14': { make: () => new Rsi(14), restore: Rsi.restore, stableFrom: 14 },
  'MACD 12 26 9': { make: () => new Macd(), restore: Macd.restore, stableFrom: 33 },
  'Bollinger 20 2': { make: () => new BollingerBands(), restore: BollingerBands.restore, stableFrom: 19 },
  'ATR 14': { make: () => new Atr(14), restore: Atr.restore, stableFrom: 14 },
  'Stochastic 14 3 3': { make: () => new Stochastic(), restore: Stochastic.restore, stableFrom: 17 },
  OBV: { make: () => new Obv(), restore: Obv.restore, stableFrom: 0 },
  'ADX 14': { make: () => new Adx(14), restore: Adx.restore, stableFrom: 27 },
  'Williams %R 14': { make: () => new WilliamsR(14), restore: WilliamsR.restore, stableFrom: 13 },
  'CCI 20': { make: () => new Cci(20), restore: Cci.restore, stableFrom: 19 },
  'MFI 14': { make: () => new Mfi(14), restore: Mfi.restore, stableFrom: 14 },
};

const bars = syntheticBars(600, 7);
const json = (x: unknown) => JSON.stringify(x);

for (const [name, { make, restore, stableFrom }] of Object.entries(CASES)) {
  describe(name, () => {
    test('preview leaves the state alone and equals the update of the same bar', () => {
      const indicator = make();
      for (const bar of bars) {
        const before = json(indicator.getState());
        const previewed = indicator.preview(bar);
        expect(indicator.preview(bar)).toEqual(previewed);
        expect(json(indicator.getState())).toBe(before);
        expect(indicator.update(bar)).toEqual(previewed);
      }
    });

    test('null before its lookback, a value from it on, stable from there', () => {
      const indicator = make();
      expect(indicator.lookback).toBeLessThanOrEqual(stableFrom);
      bars.forEach((bar, i) => {
        const value = indicator.update(bar);
        expect(value === null).toBe(i < indicator.lookback);
        expect(indicator.isStable).toBe(i >= stableFrom);
      });
    });

    test('restored from JSON at any point, it continues bit for bit', () => {
      for (const cut of [0, 1, stableFrom - 1, stableFrom, stableFrom + 1, 250]) {
        const original = make();
        bars.slice(0, cut).forEach((bar) => original.update(bar));
        const copy = restore(JSON.parse(json(original.getState())));
        expect(copy.getState()).toEqual(original.getState());
        for (const bar of bars.slice(cut)) expect(copy.update(bar)).toEqual(original.update(bar));
      }
    });

    test('restore refuses a malformed state', () => {
      expect(() => restore({})).toThrow();
      expect(() => restore(null)).toThrow();
    });
  });
}
