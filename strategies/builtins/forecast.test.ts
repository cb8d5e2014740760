import { expect, test } from 'bun:test';
import { timeframeMs } from '../../market/timeframes.ts';
import { StrategyRunner } from '../runner.ts';
import type { ForecastEvent } from '../strategy.ts';
import { brief, config, cryptoBars } from '../testing.ts';
import { forecastDriven } from './forecast.ts';

const HOUR = timeframeMs('1h');
const bars = cryptoBars('BTCUSDT', '1h');

/**
 * Forecasts as actors/forecast publishes them, made at each real close: the 4-hour return that
 * did happen (or its opposite every 7th hour, so the strategy is wrong sometimes), with a
 * confidence cycling through 0.40 .. 0.79.
 */
const forecasts: ForecastEvent[] = bars.slice(0, -4).map((b, i) => {
  const actual = bars[i + 4]!.close / b.close - 1;
  const r = i % 7 === 0 ? -actual : actual;
  return {
    symbol: 'BTCUSDT', tf: '1h', model: 'crypto-1h-h4@1', horizon: 4, openTime: b.openTime, madeAt: b.openTime + HOUR, targetTime: b.openTime + 5 * HOUR,
    price: b.close, predictedPrice: b.close * (1 + r), predictedReturn: r, low: b.close * 0.98, high: b.close * 1.02,
    confidence: 0.4 + (i % 40) / 100, direction: r > 0 ? 'up' : r < 0 ? 'down' : 'flat',
  };
});

test('acts on forecasts whose confidence reaches the threshold and only on them; long-only goes out on a confident down', () => {
  const cfg = config({ kind: 'forecast', params: { threshold: 0.7, minReturn: 0.002 }, sizing: { kind: 'fixed', qty: 0.5 } });
  const runner = new StrategyRunner(forecastDriven, cfg);
  const got = [];
  for (const f of forecasts) {
    const out = runner.forecast(f);
    for (const g of out.signals) runner.fill({ symbol: g.symbol, side: g.side, qty: g.qty, price: f.price, time: f.madeAt, clientOrderId: g.clientOrderId, reason: g.reason });
    got.push(...out.signals);
  }
  const want: { time: number; symbol: string; side: 'buy' | 'sell'; qty: number }[] = [];
  let held = 0;
  for (const f of forecasts) {
    if (f.confidence < 0.7) continue;
    if (held === 0 && f.predictedReturn > 0.002) want.push({ time: f.madeAt, symbol: 'BTCUSDT', side: 'buy', qty: 0.5 }), (held = 0.5);
    else if (held > 0 && f.predictedReturn < -0.002) want.push({ time: f.madeAt, symbol: 'BTCUSDT', side: 'sell', qty: 0.5 }), (held = 0);
  }
  expect(want.length).toBeGreaterThan(10);
  expect(got.map(brief)).toEqual(want);
  expect(got[0]!.trigger).toBe('forecast');
  expect(got[0]!.reason).toContain('crypto-1h-h4@1 forecasts');
});

test('a forecast of another timeframe, or heard twice, decides nothing', () => {
  const runner = new StrategyRunner(forecastDriven, config({ kind: 'forecast', params: { threshold: 0 } }));
  const up = forecasts.find((f) => f.direction === 'up')!;
  expect(runner.forecast({ ...up, tf: '4h' }).signals).toEqual([]);
  expect(runner.forecast(up).signals).toHaveLength(1);
  expect(runner.forecast(up).signals).toEqual([]);
});
