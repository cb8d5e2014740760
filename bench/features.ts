// FeatureBuilder.update: ns per closed candle, beside IndicatorSet.update measured in the same run.
// Run: npm run bench -- features.
import { bundledBars, crypto1m } from '../data/read.ts';
import { IndicatorSet } from '../market/indicators/index.ts';
import { FeatureBuilder } from '../models/features/feature-builder.ts';

const bars = bundledBars(crypto1m('BTCUSDT')); // 41,326 1m bars: the same code path as any timeframe
const PASSES = 21; // best of many: the figure of a pass no other process interrupted

function nsPerBar(pass: () => void): { best: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const start = Bun.nanoseconds();
    pass();
    times.push((Bun.nanoseconds() - start) / bars.length);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(PASSES / 2)]! };
}

let sink = 0; // keeps the work observable so it is not optimised away
const features = nsPerBar(() => {
  const builder = new FeatureBuilder();
  const row = new Float64Array(builder.width);
  for (const bar of bars) builder.update(bar, row);
  sink += row[0]!;
});
const indicators = nsPerBar(() => {
  const set = new IndicatorSet();
  for (const bar of bars) sink += set.update(bar).sma_20 ?? 0;
});

const f = (x: number) => x.toFixed(0);
console.log(`FeatureBuilder.update: ${f(features.best)} ns/bar (median ${f(features.median)}), ${bars.length} bars, best of ${PASSES}`);
console.log(`IndicatorSet.update (baseline, 17 columns): ${f(indicators.best)} ns/bar (median ${f(indicators.median)})`);
console.log(JSON.stringify({ bench: 'features', value: features.best, unit: 'ns/bar', baseline: indicators.best, ratio: Number((features.best / indicators.best).toPrecision(3)), sink: Number.isFinite(sink) }));
