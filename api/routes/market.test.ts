import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { SymbolView } from '../../actors/symbol/index.ts';
import { address } from '../../engine/index.ts';
import type { Problem } from '../problem.ts';
import { builtTimeframes } from './lookup.ts';
import { startTestMarket, TEST_UNIVERSE, type TestMarket } from './test-market.ts';

let m: TestMarket;
let app: ReturnType<TestMarket['app']>;
beforeAll(async () => {
  m = await startTestMarket();
  app = m.app();
}, 60_000);
afterAll(() => m.stop());

interface Row {
  symbol: string;
  name: string;
  last: number;
  changePct: number;
  volume: number;
  forecast: { direction: string; predictedPrice: number; model: string; targetTime: number } | null;
}
interface ClassSummary {
  assetClass: string;
  symbols: Row[];
  gainers: Row[];
  losers: Row[];
  mostTraded: Row[];
}
const get = async <T>(url: string, a = app) => {
  const res = await a.request(url);
  return { status: res.status, body: (await res.json()) as T & Partial<Problem> };
};

describe('GET /api/market/summary', () => {
  test("without class: every class that runs, keyed by class, each row named from the registry and with its newest forecast (none for macro series)", async () => {
    const { status, body } = await get<Record<string, ClassSummary>>('/api/market/summary');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['crypto', 'macro', 'stock']);
    expect(body.crypto!.symbols.map((r) => [r.symbol, r.name, r.forecast?.model])).toEqual([
      ['BTCUSDT', 'Bitcoin / TetherUS', 'crypto-1h-h4@1'],
      ['ETHUSDT', 'Ethereum / TetherUS', 'crypto-1h-h4@1'],
    ]);
    const newestForecast = (await get<{ forecast: { predictedPrice: number; targetTime: number } }>('/api/asset/btcusdt/forecast')).body.forecast;
    expect(body.crypto!.symbols[0]!.forecast).toMatchObject({ predictedPrice: newestForecast.predictedPrice, targetTime: newestForecast.targetTime });
    expect(body.stock!.symbols.every((r) => r.forecast?.model === 'stock-1d-h5@1')).toBe(true);
    expect(body.macro!.symbols.map((r) => [r.name, r.forecast])).toEqual([['Unemployment Rate', null]]);
    const gainers = body.stock!.gainers.map((r) => r.changePct);
    expect(gainers).toEqual([...gainers].sort((a, b) => b - a));
    // As of the last closed minute: the close of the newest stored 1m candle.
    const newest = (await get<{ candles: { close: number }[] }>('/api/asset/btcusdt/candles?tf=1m&limit=1')).body.candles[0]!;
    expect(body.crypto!.symbols[0]!.last).toBe(newest.close);
  });

  test('one class, limited', async () => {
    const { body } = await get<Record<string, ClassSummary>>('/api/market/summary?class=stock&limit=1');
    expect(Object.keys(body)).toEqual(['stock']);
    expect(body.stock!.symbols.map((r) => r.symbol)).toEqual(['AAPL']);
    expect(body.stock!.mostTraded).toHaveLength(2); // the movers are over the whole class
  });

  test('bad parameters are 400s naming the field', async () => {
    expect((await get('/api/market/summary?class=bonds')).body.errors).toEqual([{ field: 'class', message: 'class must be one of crypto, stock, macro, got "bonds"' }]);
    expect((await get('/api/market/summary?limit=101')).body.errors).toEqual([{ field: 'limit', message: 'limit must be at most 100' }]);
  });

  test('a class with no summary running: left out of the whole, a 404 when asked for', async () => {
    const cryptoOnly = m.app({ market: { ...m.market, summaries: m.market.summaries.filter((a) => a === address('summary', 'crypto')) } });
    expect(Object.keys((await get('/api/market/summary', cryptoOnly)).body)).toEqual(['crypto']);
    const { status, body } = await get('/api/market/summary?class=macro', cryptoOnly);
    expect(status).toBe(404);
    expect(body).toMatchObject({ title: 'No live data', detail: 'no market summary is running for class macro' });
  });

  test('without the market at hand the summaries are asked directly', async () => {
    const { body } = await get<Record<string, ClassSummary>>('/api/market/summary?class=crypto', m.app({ market: undefined }));
    expect(body.crypto!.symbols).toHaveLength(2);
  });
});

describe('GET /api/symbols/{symbol} in a running market', () => {
  test('each class builds the timeframes the edge accepts for it (the live actors agree with classTimeframes)', async () => {
    for (const symbol of [...TEST_UNIVERSE.crypto, ...TEST_UNIVERSE.stock, ...TEST_UNIVERSE.macro]) {
      const { body } = await get<SymbolView>(`/api/symbols/${symbol}`);
      expect(Object.keys(body.forming)).toEqual([...builtTimeframes(m.instruments.get(symbol))]);
    }
  });

  test('an instrument outside the running market is not asked for (no dead letter), and is a 404', async () => {
    const before = m.system.totals().deadLetters;
    const { status, body } = await get('/api/symbols/msft');
    expect(status).toBe(404);
    expect(body.title).toBe('No live data');
    await m.system.settle();
    expect(m.system.totals().deadLetters).toBe(before);
  });
});
