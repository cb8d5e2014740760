import { expect, test } from 'bun:test';
import { confidenceOf, forecastMsgOf } from './forecast-event.ts';

test('confidence: ½ when the band is as wide as volatility alone would draw it, more when narrower, 0 without volatility', () => {
  const sigma = 0.01;
  const naive = 2 * 1.2815515655446004 * sigma * Math.sqrt(4);
  expect(confidenceOf(-naive / 2, naive / 2, sigma, 4)).toBeCloseTo(0.5, 12);
  expect(confidenceOf(-naive / 4, naive / 4, sigma, 4)).toBeCloseTo(2 / 3, 12);
  expect(confidenceOf(-naive, naive, sigma, 4)).toBeCloseTo(1 / 3, 12);
  expect(confidenceOf(-0.01, 0.01, 0, 4)).toBe(0);
  expect(confidenceOf(-0.01, 0.01, Number.NaN, 4)).toBe(0);
});

test('a stored forecast reads back as its event: prices from the log-return quantiles, the model from its ref', () => {
  const msg = forecastMsgOf({ symbol: 'BTCUSDT', tf: '1h', model: 'crypto-1h-h4@1', openTime: 0, madeAt: 3_600_000, horizon: 4, targetTime: 18_000_000, price: 100, q10: Math.log(0.9), q50: Math.log(0.98), q90: Math.log(1.1), confidence: 0.4, synthetic: false });
  expect(msg).toMatchObject({ type: 'forecast', modelId: 'crypto-1h-h4', modelVersion: 1, direction: 'down', targetTime: 18_000_000 });
  expect(msg.predictedPrice).toBeCloseTo(98, 10);
  expect(msg.predictedReturn).toBeCloseTo(-0.02, 12);
  expect([msg.low, msg.high].map((p) => Math.round(p * 1e9) / 1e9)).toEqual([90, 110]);
});
