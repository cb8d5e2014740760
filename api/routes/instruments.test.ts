import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import type { Instrument } from '../../market/instruments/index.ts';
import { createApp } from '../app.ts';
import type { Problem } from '../problem.ts';

let system: ActorSystem;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  system = await ActorSystem.start({ workers: 1, behaviours: [TESTING_KINDS] });
  app = createApp({ system, instruments: loaded.registry, startedAt: 0, version: 'test', log: createLogger('error') });
});
afterAll(() => system.shutdown());

const get = async <T>(url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as T & Partial<Problem> };
};
const symbols = (list: Instrument[]) => list.map((i) => i.symbol);

describe('GET /api/assets/search', () => {
  test('ranked: exact symbol, then symbol prefix, then a name word starting with q, then q anywhere in the name', async () => {
    const { status, body } = await get<{ query: string; results: Instrument[] }>('/api/assets/search?q=c&limit=100');
    expect(status).toBe(200);
    const found = symbols(body.results);
    expect(found.slice(0, 5)).toEqual(['C', 'CPIAUCSL', 'CRM', 'CSCO', 'CVX']); // exact, then prefixes by symbol
    expect(found.indexOf('KO')).toBeLessThan(found.indexOf('BTCUSDT')); // "Coca-Cola" (a word) before "Bitcoin" (inside one)
    expect(body.results[0]).toEqual({ symbol: 'C', name: 'Citigroup Inc.', class: 'stock', venue: 'nyse', sector: 'Financials', quote: 'USD', tickSize: 0.01 });
  });

  test('by name, any case, trimmed; limit caps the results (default 10)', async () => {
    expect(symbols((await get<{ results: Instrument[] }>('/api/assets/search?q=%20APPLE%20')).body.results)).toEqual(['AAPL']);
    expect((await get<{ results: Instrument[] }>('/api/assets/search?q=c&limit=3')).body.results).toHaveLength(3);
    expect((await get<{ results: Instrument[] }>('/api/assets/search?q=c')).body.results).toHaveLength(10);
    expect((await get<{ query: string; results: Instrument[] }>('/api/assets/search?q=zzzz')).body).toEqual({ query: 'zzzz', results: [] });
  });

  test('no query, an empty one or a bad limit is a 400 naming the field', async () => {
    expect((await get('/api/assets/search')).body).toMatchObject({ status: 400, detail: 'q: q is required', errors: [{ field: 'q', message: 'q is required' }] });
    expect((await get('/api/assets/search?q=%20')).body.errors).toEqual([{ field: 'q', message: 'q must not be empty' }]);
    expect((await get('/api/assets/search?q=a&limit=-1')).body.errors).toEqual([{ field: 'limit', message: 'limit must be a whole number' }]);
    expect((await get('/api/assets/search?q=a&q=b')).body.errors).toEqual([{ field: 'q', message: 'q must be given once' }]);
  });
});

describe('GET /api/stocks and /api/sectors', () => {
  test('every stock by symbol, or those of one sector in any case', async () => {
    const all = (await get<{ sector: null; stocks: Instrument[] }>('/api/stocks')).body;
    expect(all.sector).toBeNull();
    expect(all.stocks).toHaveLength(41);
    expect(symbols(all.stocks)).toEqual([...symbols(all.stocks)].sort());
    expect(all.stocks.every((s) => s.class === 'stock')).toBe(true);
    expect((await get('/api/stocks?sector=energy')).body).toMatchObject({ sector: 'Energy', stocks: [{ symbol: 'CVX' }, { symbol: 'XOM' }] });
  });

  test('an unknown sector is a 400 listing the known ones', async () => {
    const { status, body } = await get('/api/stocks?sector=Crypto');
    expect(status).toBe(400);
    expect(body.errors![0]!.field).toBe('sector');
    expect(body.errors![0]!.message).toStartWith('unknown sector "Crypto"; known: Communication Services, ');
  });

  test('sectors with their stock counts, which add up to every stock', async () => {
    const { sectors } = (await get<{ sectors: { sector: string; count: number }[] }>('/api/sectors')).body;
    expect(sectors.find((s) => s.sector === 'Energy')).toEqual({ sector: 'Energy', count: 2 });
    expect(sectors.find((s) => s.sector === 'ETF')).toEqual({ sector: 'ETF', count: 1 });
    expect(sectors.reduce((n, s) => n + s.count, 0)).toBe(41);
  });
});
