import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import type { Bar } from '../market/candles/candle.ts';
import type { Awaitable, CandleRepository } from './candles.ts';

/** A repository to test and how to dispose of it; the factory gives an empty one each time. */
export interface RepositoryUnderTest {
  readonly repo: CandleRepository;
  close(): Awaitable<void>;
}

const T0 = Date.UTC(2021, 3, 2); // 2021-04-02T00:00Z
const MIN = 60_000;
/** n consecutive 1m bars from `start`, each a little above the last so they are told apart. */
const bars = (n: number, start = T0, base = 100): Bar[] =>
  Array.from({ length: n }, (_, i) => ({ openTime: start + i * MIN, open: base + i, high: base + i + 2, low: base + i - 1, close: base + i + 1, volume: 10 + i }));
const times = (cs: readonly { openTime: number }[]) => cs.map((c) => (c.openTime - T0) / MIN);

/**
 * The behaviour every CandleRepository implementation must have. Call it from a test file with
 * a factory; it defines the tests (see storage/sqlite/candle-store.test.ts).
 */
export function candleRepositoryContract(name: string, make: () => Awaitable<RepositoryUnderTest>): void {
  describe(`CandleRepository contract: ${name}`, () => {
    let under: RepositoryUnderTest;
    let repo: CandleRepository;
    beforeEach(async () => {
      under = await make();
      repo = under.repo;
    });
    afterEach(async () => under.close());

    test('an empty store has no candles', async () => {
      expect(await repo.count()).toBe(0);
      expect(await repo.latest('BTCUSDT', '1m')).toBeUndefined();
      expect(await repo.candles('BTCUSDT', '1m')).toEqual([]);
    });

    test('written candles read back in time order, with their timeframe and prints (0 when unknown)', async () => {
      const written = bars(5);
      expect(await repo.writeCandles('BTCUSDT', '1m', [...written].reverse())).toBe(5);
      expect(await repo.candles('BTCUSDT', '1m')).toEqual(written.map((b) => ({ ...b, tf: '1m', prints: 0 })));
      await repo.writeCandles('BTCUSDT', '1h', [{ ...written[0]!, prints: 240 }]);
      expect((await repo.latest('BTCUSDT', '1h'))?.prints).toBe(240);
    });

    test('writing a candle again replaces it: re-imports keep the count', async () => {
      await repo.writeCandles('BTCUSDT', '1m', bars(100));
      await repo.writeCandles('BTCUSDT', '1m', bars(100));
      expect(await repo.count()).toBe(100);
      await repo.writeCandles('BTCUSDT', '1m', [{ ...bars(1)[0]!, close: 99.5, low: 99 }]);
      expect(await repo.count()).toBe(100);
      expect((await repo.candles('BTCUSDT', '1m', { limit: 1, from: T0 }))[0]).toMatchObject({ close: 99.5, low: 99 });
    });

    test('series are keyed by symbol and timeframe; count narrows by either', async () => {
      await repo.writeCandles('BTCUSDT', '1m', bars(3));
      await repo.writeCandles('BTCUSDT', '1d', bars(2));
      await repo.writeCandles('ETHUSDT', '1m', bars(4, T0, 3000));
      expect(await repo.count()).toBe(9);
      expect(await repo.count('BTCUSDT')).toBe(5);
      expect(await repo.count('BTCUSDT', '1d')).toBe(2);
      expect(await repo.count(undefined, '1m')).toBe(7);
      expect(await repo.count('SOLUSDT')).toBe(0);
      expect((await repo.candles('ETHUSDT', '1m')).map((c) => c.open)).toEqual([3000, 3001, 3002, 3003]);
    });

    test('ranges: from inclusive, to exclusive; a limit alone keeps the latest N, with from the earliest N', async () => {
      await repo.writeCandles('BTCUSDT', '1m', bars(10));
      expect(times(await repo.candles('BTCUSDT', '1m', { from: T0 + 2 * MIN, to: T0 + 5 * MIN }))).toEqual([2, 3, 4]);
      expect(times(await repo.candles('BTCUSDT', '1m', { limit: 3 }))).toEqual([7, 8, 9]);
      expect(times(await repo.candles('BTCUSDT', '1m', { from: T0 + 4 * MIN, limit: 2 }))).toEqual([4, 5]);
      expect(times(await repo.candles('BTCUSDT', '1m', { to: T0 + 4 * MIN, limit: 2 }))).toEqual([2, 3]);
      expect(times(await repo.candles('BTCUSDT', '1m', { from: T0 + 8 * MIN }))).toEqual([8, 9]);
      expect(await repo.candles('BTCUSDT', '1m', { limit: 0 })).toEqual([]);
      expect(await repo.candles('BTCUSDT', '1m', { from: T0 + 20 * MIN })).toEqual([]);
    });

    test('latest is the candle with the latest open time, whatever the write order', async () => {
      await repo.writeCandles('BTCUSDT', '1m', bars(10).slice(5));
      await repo.writeCandles('BTCUSDT', '1m', bars(10).slice(0, 5));
      expect(times([(await repo.latest('BTCUSDT', '1m'))!])).toEqual([9]);
    });

    test('a batch with a non-finite value is refused whole', async () => {
      const batch = bars(300);
      const poisoned = [...batch.slice(0, 299), { ...batch[299]!, close: Number.NaN }];
      // Through a promise, so a store that throws and one that rejects are held to the same test.
      const write = (cs: Bar[]) => Promise.resolve().then(() => repo.writeCandles('BTCUSDT', '1m', cs));
      await expect(write(poisoned)).rejects.toThrow(/non-finite/);
      await expect(write([{ ...batch[0]!, high: Number.POSITIVE_INFINITY }])).rejects.toThrow(/non-finite/);
      expect(await repo.count()).toBe(0);
    });

    test('a large batch round-trips exactly', async () => {
      const many = bars(20_000, T0, 0.1);
      expect(await repo.writeCandles('DOGEUSDT', '1m', many)).toBe(20_000);
      expect(await repo.candles('DOGEUSDT', '1m')).toEqual(many.map((b) => ({ ...b, tf: '1m', prints: 0 })));
    });
  });
}
