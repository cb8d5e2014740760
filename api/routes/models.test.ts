import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { accuracyOf } from '../../models/accuracy/index.ts';
import { ForecastStore, open } from '../../storage/sqlite/index.ts';
import type { ForecastBody, TrendsBody } from '../forecasts/bodies.ts';
import type { Problem } from '../problem.ts';
import { startTestMarket, type TestMarket } from './test-market.ts';

let m: TestMarket;
let app: ReturnType<TestMarket['app']>;
let store: ForecastStore;
beforeAll(async () => {
  m = await startTestMarket();
  app = m.app();
  store = new ForecastStore(open(m.db));
}, 60_000);
afterAll(() => m.stop());

const get = async <T>(url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as T & Partial<Problem> };
};
const HOUR = 3_600_000;

describe('GET /api/asset/{symbol}/forecast', () => {
  test("the newest stored forecast, the candles before it, and its path from the price to the model's band at the target", async () => {
    const { status, body } = await get<ForecastBody>('/api/asset/btcusdt/forecast');
    expect(status).toBe(200);
    const [newest] = store.recent('BTCUSDT', '1h', { limit: 1 });
    expect(body.forecast).toMatchObject({ symbol: 'BTCUSDT', tf: '1h', model: 'crypto-1h-h4@1', modelId: 'crypto-1h-h4', modelVersion: 1, horizon: 4, openTime: newest!.openTime, q50: newest!.q50 });
    expect(body.forecast.predictedPrice).toBeCloseTo(newest!.price * Math.exp(newest!.q50), 8);
    expect(body.candles).toHaveLength(48);
    expect(body.candles.at(-1)!.time).toBe(newest!.openTime); // the candle it was made at the close of
    expect(body.candles.at(-1)!.close).toBe(newest!.price);
    expect(body.path.map((p) => p.time)).toEqual([0, 1, 2, 3, 4].map((k) => newest!.madeAt + k * HOUR));
    expect(body.path[0]).toEqual({ time: newest!.madeAt, price: newest!.price, low: newest!.price, high: newest!.price });
    const end = body.path.at(-1)!;
    expect([end.price, end.low, end.high]).toEqual([body.forecast.predictedPrice, body.forecast.low, body.forecast.high]);
    for (const p of body.path) expect(p.low <= p.price && p.price <= p.high).toBe(true);
  });

  test('stocks are forecast on daily candles by their own model', async () => {
    const { status, body } = await get<ForecastBody>('/api/asset/aapl/forecast?candles=5');
    expect(status).toBe(200);
    expect(body.forecast).toMatchObject({ tf: '1d', model: 'stock-1d-h5@1', horizon: 5 });
    expect(body.candles).toHaveLength(5);
  });

  test('a timeframe no model forecasts, and a macro series, are 404 "No model" saying why', async () => {
    expect((await get('/api/asset/btcusdt/forecast?timeframe=1m')).body).toMatchObject({ status: 404, title: 'No model', detail: 'BTCUSDT is forecast on 1h candles, not 1m' });
    expect((await get('/api/asset/unrate/forecast')).body).toMatchObject({ status: 404, title: 'No model', detail: 'UNRATE is a macro series; no model forecasts them' });
  });

  test('an unknown symbol is "Unknown symbol" first; bad parameters are a 400 naming each', async () => {
    expect((await get('/api/asset/BTCUSTD/forecast')).body).toMatchObject({ status: 404, title: 'Unknown symbol', suggestions: ['BTCUSDT'] });
    expect((await get('/api/asset/btcusdt/forecast?timeframe=3d')).body.errors).toEqual([{ field: 'timeframe', message: 'timeframe must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "3d"' }]);
    expect((await get('/api/asset/btcusdt/forecast?candles=5000')).body.errors).toEqual([{ field: 'candles', message: 'candles must be at most 1000' }]);
  });
});

describe('GET /api/asset/{symbol}/trends', () => {
  test('the accuracy over the window is the one recomputed from the stored outcomes, synthetic ones left out', async () => {
    const { status, body } = await get<TrendsBody>('/api/asset/ETHUSDT/trends?window=50&limit=30');
    expect(status).toBe(200);
    expect(body).toMatchObject({ symbol: 'ETHUSDT', timeframe: '1h', window: 50 });
    const [model] = body.models;
    expect(model!.model).toBe('crypto-1h-h4@1');
    const outcomes = store.recent('ETHUSDT', '1h', { limit: 10_000, resolvedOnly: true }).filter((f) => !f.synthetic);
    expect(model!.accuracy).toEqual(accuracyOf(outcomes.slice(0, 50).reverse().map((f) => ({ ...f, realisedPrice: f.realisedPrice! }))));
    expect(model!.trend).toHaveLength(30);
    expect(model!.trend.at(-1)).toEqual({ time: outcomes[0]!.targetTime, ...model!.accuracy });
    expect(model!.history).toHaveLength(30);
    expect(model!.history.slice(-4).every((h) => h.realisedPrice === null)).toBe(true); // still waiting when the data ended
    expect(model!.daily.reduce((n, d) => n + d.n, 0)).toBe(30 + 50 - 1);
  });

  test('the outcomes inside a halt are in the history, flagged, and in no figure', async () => {
    const { body } = await get<TrendsBody>('/api/asset/btcusdt/trends?limit=2000&window=1000');
    const history = body.models[0]!.history;
    const synthetic = history.filter((h) => h.synthetic);
    expect(synthetic).toHaveLength(5);
    expect(body.models[0]!.accuracy.n).toBe(history.filter((h) => h.realisedPrice !== null).length - 5);
  });

  test('window and limit are bounded; a macro series has no model', async () => {
    expect((await get('/api/asset/btcusdt/trends?window=0')).body.errors).toEqual([{ field: 'window', message: 'window must be at least 1' }]);
    expect((await get('/api/asset/unrate/trends')).body).toMatchObject({ status: 404, title: 'No model' });
  });
});
