export type { Bar, Candle } from './candle.ts';
export { CandleBuilder } from './builder.ts';
export { CandleSeries } from './series.ts';
export { GapDetector, type Gap } from './gaps.ts';
