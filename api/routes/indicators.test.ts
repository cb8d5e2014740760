import { Database } from 'bun:sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { SymbolView } from '../../actors/symbol/index.ts';
import { address } from '../../engine/index.ts';
import { INDICATOR_COLUMNS, IndicatorSet, type IndicatorRow } from '../../market/indicators/index.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { CandleStore } from '../../storage/sqlite/index.ts';
import type { Problem } from '../problem.ts';
import { CandleHistory } from './history.ts';
import { rangeRows, WARMUP_BARS } from './indicators.ts';
import { startTestMarket, type TestMarket } from './test-market.ts';

let m: TestMarket;
let app: ReturnType<TestMarket['app']>;
let store: CandleStore;
beforeAll(async () => {
  m = await startTestMarket();
  app = m.app();
  store = new CandleStore(new Database(m.db, { readonly: true }));
}, 60_000);
afterAll(() => m.stop());

interface Range {
  symbol: string;
  tf: Timeframe;
  rows: { openTime: number; values: IndicatorRow }[];
  warmup: { bars: number; from: number | null };
}
const get = async <T>(url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as T & Partial<Problem> };
};

/** Every stored candle of a series through one IndicatorSet from the first: what `tickflow ta` gives over the whole history. */
function fromFirstCandle(symbol: string, tf: Timeframe): Map<number, IndicatorRow> {
  const set = new IndicatorSet();
  return new Map(store.candles(symbol, tf).map((c) => [c.openTime, set.update(c)]));
}

describe('GET /api/asset/{symbol}/indicators', () => {
  test("without from/to: the symbol actor's row for its last closed candle, which is the whole stored history's last row", async () => {
    const { status, body } = await get<{ symbol: string; tf: string; latest: IndicatorRow | null }>('/api/asset/btcusdt/indicators?tf=1h');
    expect(status).toBe(200);
    const live = await m.system.ask<SymbolView>(address('symbol', 'BTCUSDT'), { type: 'view' });
    expect(body).toEqual({ symbol: 'BTCUSDT', tf: '1h', latest: live.indicators['1h']! });
    expect(body.latest).toEqual([...fromFirstCandle('BTCUSDT', '1h').values()].at(-1)!);
    expect(Object.values(body.latest!).every((v) => typeof v === 'number')).toBe(true); // warmed up
  });

  test('a stock answers its daily row by default', async () => {
    const { body } = await get<{ tf: string; latest: IndicatorRow }>('/api/asset/aapl/indicators');
    expect(body.tf).toBe('1d');
    expect(Object.keys(body.latest)).toEqual([...INDICATOR_COLUMNS]);
  });

  test('a range: one row per stored candle, warmed up on the candles before it, equal to computing from the first candle', async () => {
    const { status, body } = await get<Range>('/api/asset/btcusdt/indicators?tf=1h&from=2021-04-14&to=2021-04-15');
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(24);
    const whole = fromFirstCandle('BTCUSDT', '1h');
    for (const row of body.rows) expect(row.values).toEqual(whole.get(row.openTime)!);
    const before = store.candles('BTCUSDT', '1h', { to: Date.UTC(2021, 3, 14) });
    expect(body.warmup).toEqual({ bars: before.length, from: before[0]!.openTime });
  });

  test('a 1m range late in the month is warmed on all the month before it: bit for bit the whole history', async () => {
    const { body } = await get<Range>('/api/asset/btcusdt/indicators?tf=1m&from=2021-04-29T00:00:00Z&limit=60');
    expect(body.rows).toHaveLength(60);
    expect(body.warmup.bars).toBe(store.count('BTCUSDT', '1m') - store.candles('BTCUSDT', '1m', { from: Date.UTC(2021, 3, 29) }).length);
    const whole = fromFirstCandle('BTCUSDT', '1m');
    expect(body.rows.map((r) => r.values)).toEqual(body.rows.map((r) => whole.get(r.openTime)!));
  });

  test(`past the warm-up cap (${WARMUP_BARS} bars) every column agrees to 1e-12, and OBV is offset by a constant`, () => {
    const history = new CandleHistory(m.db);
    const capped = rangeRows(history, 'BTCUSDT', '1m', { from: Date.UTC(2021, 3, 29), limit: 200 }, 1_000);
    history.close();
    expect(capped.warmup.bars).toBe(1_000);
    const whole = fromFirstCandle('BTCUSDT', '1m');
    const offsets = new Set<number>();
    for (const { openTime, values } of capped.rows) {
      const reference = whole.get(openTime)!;
      for (const column of INDICATOR_COLUMNS) {
        if (column === 'obv') offsets.add(Math.round(reference.obv! - values.obv!));
        else expect(Math.abs(values[column]! - reference[column]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(reference[column]!)));
      }
    }
    expect(offsets.size).toBe(1);
  });

  test('to alone: the latest `limit` rows before it', async () => {
    const { body } = await get<Range>('/api/asset/ethusdt/indicators?tf=4h&to=2021-04-10&limit=3');
    expect(body.rows.map((r) => r.openTime)).toEqual([Date.UTC(2021, 3, 9, 12), Date.UTC(2021, 3, 9, 16), Date.UTC(2021, 3, 9, 20)]);
    const whole = fromFirstCandle('ETHUSDT', '4h');
    expect(body.rows.map((r) => r.values)).toEqual(body.rows.map((r) => whole.get(r.openTime)!));
  });

  test('a range with no stored candles is empty, not an error', async () => {
    const { status, body } = await get<Range>('/api/asset/btcusdt/indicators?tf=1h&from=2030-01-01');
    expect(status).toBe(200);
    expect(body).toEqual({ symbol: 'BTCUSDT', tf: '1h', rows: [], warmup: { bars: 0, from: null } });
  });

  test('errors: bad timeframe 400, timeframe not built 400, unknown symbol 404, no live actor 404', async () => {
    expect((await get('/api/asset/btcusdt/indicators?tf=1w')).body.errors).toEqual([{ field: 'tf', message: 'tf must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "1w"' }]);
    expect((await get('/api/asset/xom/indicators?tf=4h')).body.errors).toEqual([{ field: 'tf', message: 'XOM is built on 1d only, not 4h' }]);
    const unknown = await get('/api/asset/APPL/indicators');
    expect(unknown).toMatchObject({ status: 404, body: { title: 'Unknown symbol', suggestions: ['AAPL'] } });
    const offline = await get('/api/asset/msft/indicators');
    expect(offline).toMatchObject({ status: 404, body: { title: 'No live data' } });
  });
});
