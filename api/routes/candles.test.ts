import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { SymbolView } from '../../actors/symbol/index.ts';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { address } from '../../engine/index.ts';
import type { Candle } from '../../market/candles/candle.ts';
import { CandleSeries } from '../../market/candles/series.ts';
import type { Problem } from '../problem.ts';
import { startTestMarket, type TestMarket } from './test-market.ts';

let m: TestMarket;
let app: ReturnType<TestMarket['app']>;
beforeAll(async () => {
  m = await startTestMarket();
  app = m.app();
}, 60_000);
afterAll(() => m.stop());

interface Candles {
  symbol: string;
  tf: string;
  candles: Candle[];
  forming: Candle | null;
}
const get = async (url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as Candles & Partial<Problem> };
};
const view = (symbol: string) => m.system.ask<SymbolView>(address('symbol', symbol), { type: 'view' });
const APRIL_14 = Date.UTC(2021, 3, 14);
const APRIL_15 = Date.UTC(2021, 3, 15);

describe('GET /api/asset/{symbol}/candles', () => {
  test("a day of hourly candles: the ones the symbol actor built from the real bars, stored; ISO dates or epoch ms", async () => {
    const { status, body } = await get('/api/asset/btcusdt/candles?tf=1h&from=2021-04-14&to=2021-04-15');
    expect(status).toBe(200);
    // The first bar of the 15th closes the day's last hour.
    const bars = bundledBars(crypto1m('BTCUSDT')).filter((b) => b.openTime >= APRIL_14 && b.openTime <= APRIL_15);
    const series = new CandleSeries(['1h']);
    const hours = bars.flatMap((b) => [...series.addBar(b)]);
    const withoutPrints = (cs: Candle[]) => cs.map(({ prints: _p, ...c }) => c);
    expect(body.symbol).toBe('BTCUSDT');
    expect(body.candles).toHaveLength(24);
    expect(withoutPrints(body.candles)).toEqual(withoutPrints(hours));
    expect(Math.max(...body.candles.map((c) => c.high))).toBe(64_854); // the ATH minute of 14 April 2021
    expect(body.forming).toBeNull(); // the range is long past
    expect((await get(`/api/asset/BTCUSDT/candles?tf=1h&from=${APRIL_14}&to=${APRIL_15}`)).body).toEqual(body);
  });

  test('without from: the latest `limit` closed candles, then the one forming, from the actor', async () => {
    const { body } = await get('/api/asset/btcusdt/candles?tf=1h&limit=3');
    const live = await view('BTCUSDT');
    expect(body.candles).toHaveLength(3);
    expect(body.forming).toEqual(live.forming['1h']!);
    expect(body.candles.at(-1)!.openTime).toBe(body.forming!.openTime - 3_600_000);
    expect(body.candles.map((c) => c.openTime)).toEqual([2, 1, 0].map((k) => body.candles.at(-1)!.openTime - k * 3_600_000));
  });

  test('defaults: the finest timeframe the symbol builds, 500 candles', async () => {
    const crypto = (await get('/api/asset/btcusdt/candles')).body;
    expect(crypto.tf).toBe('1m');
    expect(crypto.candles).toHaveLength(500);
    const stock = (await get('/api/asset/aapl/candles?limit=2')).body;
    expect(stock.tf).toBe('1d');
    expect(stock.candles.map((c) => c.tf)).toEqual(['1d', '1d']);
    expect(stock.forming).toEqual((await view('AAPL')).forming['1d']!);
  });

  test('with from, limit keeps the first N from there, and the forming candle is left out of the cut page', async () => {
    const { body } = await get('/api/asset/btcusdt/candles?tf=15m&from=2021-04-14T12:00:00Z&limit=4');
    expect(body.candles.map((c) => c.openTime)).toEqual([0, 1, 2, 3].map((k) => Date.UTC(2021, 3, 14, 12) + k * 900_000));
    expect(body.forming).toBeNull();
  });

  test('a known instrument without a feed or history answers an empty series', async () => {
    expect((await get('/api/asset/msft/candles')).body).toEqual({ symbol: 'MSFT', tf: '1d', candles: [], forming: null });
  });

  test.each([
    ['tf=2m', 'tf', 'tf must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2m"'],
    ['limit=0', 'limit', 'limit must be at least 1'],
    ['limit=5001', 'limit', 'limit must be at most 5000'],
    ['limit=ten', 'limit', 'limit must be a whole number'],
    ['from=yesterday', 'from', 'from must be epoch ms or an ISO 8601 date (2021-04-14, 2021-04-14T12:00:00Z), got "yesterday"'],
    ['from=2021-04-14T12:00', 'from', 'from must be epoch ms or an ISO 8601 date (2021-04-14, 2021-04-14T12:00:00Z), got "2021-04-14T12:00"'],
    ['from=2021-04-15&to=2021-04-14', 'to', 'to must be after from'],
  ])('?%s is a 400 naming %s', async (query, field, message) => {
    const { status, body } = await get(`/api/asset/btcusdt/candles?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ type: 'about:blank', title: 'Invalid request', status: 400, errors: [{ field, message }] });
  });

  test('a timeframe the symbol does not build is a 400 that says which it does', async () => {
    const { status, body } = await get('/api/asset/aapl/candles?tf=1h');
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ field: 'tf', message: 'AAPL is built on 1d only, not 1h' }]);
  });

  test('an unknown symbol is a 404 with the closest known ones', async () => {
    const { status, body } = await get('/api/asset/ETHUSD/candles');
    expect(status).toBe(404);
    expect(body).toMatchObject({ title: 'Unknown symbol', suggestions: ['ETHUSDT'] });
  });

  test('no database configured, or one that cannot be read yet, is a 503 problem', async () => {
    const none = await m.app({ db: undefined }).request('/api/asset/btcusdt/candles');
    expect(none.status).toBe(503);
    expect(await none.json()).toMatchObject({ title: 'No history', detail: 'candle history is not available: no database is configured' });
    const missing = await m.app({ db: `${m.db}.missing` }).request('/api/asset/btcusdt/candles');
    expect(missing.status).toBe(503);
    expect(await missing.json()).toMatchObject({ title: 'No history', detail: 'candle history cannot be read yet: unable to open database file' });
  });
});
