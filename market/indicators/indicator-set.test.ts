import { expect, test } from 'bun:test';
import { INDICATOR_COLUMNS, IndicatorSet, rowValues } from './indicator-set.ts';
import { syntheticBars } from './synthetic-bars.ts';

const bars = syntheticBars(300, 42);

test('rows carry the default columns, in order', () => {
  expect(IndicatorSet.columns).toEqual([
    'sma_20', 'ema_20', 'rsi_14', 'macd', 'macd_signal', 'macd_hist', 'bb_upper', 'bb_middle', 'bb_lower',
    'atr_14', 'stoch_k', 'stoch_d', 'obv', 'adx_14', 'willr_14', 'cci_20', 'mfi_14',
  ]);
  const set = new IndicatorSet();
  for (const bar of bars) {
    const row = set.update(bar);
    expect(Object.keys(row)).toEqual([...INDICATOR_COLUMNS]);
    expect(rowValues(row)).toEqual(INDICATOR_COLUMNS.map((c) => row[c]));
  }
});

test('the first row has only OBV; the set is stable from bar 33, when MACD signal arrives', () => {
  const set = new IndicatorSet();
  const first = set.update(bars[0]!);
  expect(INDICATOR_COLUMNS.filter((c) => first[c] !== null)).toEqual(['obv']);
  bars.slice(1).forEach((bar, k) => {
    const row = set.update(bar);
    expect(set.isStable).toBe(k + 1 >= 33);
    expect(rowValues(row).every((v) => v !== null)).toBe(k + 1 >= 33);
  });
});

test('previewing the forming bar changes nothing and equals its update', () => {
  const set = new IndicatorSet();
  for (const bar of bars) {
    const state = JSON.stringify(set.getState());
    // A forming candle is previewed on every tick before it closes.
    set.preview({ ...bar, close: bar.high, volume: bar.volume / 2 });
    const previewed = set.preview(bar);
    expect(JSON.stringify(set.getState())).toBe(state);
    expect(set.update(bar)).toEqual(previewed);
  }
});

test('the whole set restores from its JSON state at any bar and continues identically', () => {
  for (const cut of [0, 10, 26, 33, 150]) {
    const original = new IndicatorSet();
    bars.slice(0, cut).forEach((bar) => original.update(bar));
    const copy = IndicatorSet.restore(JSON.parse(JSON.stringify(original.getState())));
    for (const bar of bars.slice(cut)) expect(copy.update(bar)).toEqual(original.update(bar));
    expect(copy.getState()).toEqual(original.getState());
  }
});

test('a damaged state is refused', () => {
  const state = new IndicatorSet().getState();
  expect(() => IndicatorSet.restore({ ...state, rsi: undefined })).toThrow();
  expect(() => IndicatorSet.restore({ ...state, sma: { ...state.sma, window: { values: [1, 2], pushed: 2 } } })).toThrow();
  expect(() => IndicatorSet.restore({ ...state, ema: { ...state.ema, value: 'NaN' } })).toThrow();
});

test('a state from other parameters is refused: its columns would be mislabelled', () => {
  const state = new IndicatorSet().getState();
  expect(() => IndicatorSet.restore({ ...state, sma: { ...state.sma, period: 10 } })).toThrow();
  expect(() => IndicatorSet.restore({ ...state, macd: { ...state.macd, fast: 5 } })).toThrow();
  expect(() => IndicatorSet.restore({ ...state, bollinger: { ...state.bollinger, stdDevs: 3 } })).toThrow();
});
