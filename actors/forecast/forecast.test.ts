import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActorSystem } from '../../engine/index.ts';
import { FeatureBuilder, featureSpecFor } from '../../models/features/index.ts';
import { loadModelSet, SHIPPED_MODELS } from '../../models/registry/index.ts';
import { CandleStore, ForecastStore, open } from '../../storage/sqlite/index.ts';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket } from '../market.ts';
import type { ForecasterStats, ForecastMsg, OutcomeMsg } from './index.ts';

const PAIRS = ['BTCUSDT', 'ETHUSDT'];
const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'tickflow-forecast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The two pairs' month replayed at full speed on simulated time, forecasting with the shipped models. */
async function replayMonth(workers: number) {
  const db = join(dir, `${workers}.db`);
  const system = await ActorSystem.start({ workers, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT, clock: 'sim' });
  const published = { forecasts: [] as ForecastMsg[], outcomes: [] as OutcomeMsg[] };
  system.subscribe('forecast.>' as never, (m) => published.forecasts.push(m as ForecastMsg));
  system.subscribe('outcome.>' as never, (m) => published.outcomes.push(m as OutcomeMsg));
  try {
    const market = startReplayMarket(system, { crypto: PAIRS }, { speed: 0, db, loop: false, forecasts: { models: SHIPPED_MODELS } });
    await system.sim!.runUntil(0);
    const stats = await Promise.all(market.forecasters.map((f) => system.ask<ForecasterStats>(f, { type: 'stats' })));
    system.tell(market.store!, { type: 'flush' });
    await system.ask(market.store!, { type: 'stats' });
    return { db, stats, published };
  } finally {
    await system.shutdown();
  }
}

const one = await replayMonth(1);
const two = await replayMonth(2);
const stored = (db: string) => PAIRS.flatMap((p) => new ForecastStore(open(db)).recent(p, '1h', { limit: 10_000 }).reverse());

test('every forecast served is the shipped model on the features training computes from the same stored candles', () => {
  const model = loadModelSet(join(SHIPPED_MODELS, 'crypto-1h-h4'));
  const candles = new CandleStore(open(one.db));
  for (const symbol of PAIRS) {
    const hours = candles.candles(symbol, '1h', { from: 0 });
    const builder = new FeatureBuilder(featureSpecFor('1h'));
    const row = new Float64Array(builder.width);
    const rows: { openTime: number; close: number; x: Float64Array }[] = [];
    for (const c of hours) if (builder.update(c, row)) rows.push({ openTime: c.openTime, close: c.close, x: row.slice() });
    const batch = new Float32Array(rows.length * builder.width);
    rows.forEach((r, i) => batch.set(r.x, i * builder.width));
    const { q10, q50, q90 } = model.predict(batch);

    const served = new ForecastStore(open(one.db)).recent(symbol, '1h', { limit: 10_000 }).reverse();
    // The month's last candle is still forming when the data ends: no forecast at its close.
    expect(served.map((f) => f.openTime)).toEqual(rows.map((r) => r.openTime));
    served.forEach((f, i) => {
      expect([f.q10, f.q50, f.q90, f.price]).toEqual([q10[i]!, q50[i]!, q90[i]!, rows[i]!.close]);
      expect(f).toMatchObject({ model: 'crypto-1h-h4@1', horizon: 4, madeAt: f.openTime + HOUR, targetTime: f.openTime + 5 * HOUR });
    });
  }
  model.release();
});

test('each outcome is the close at the target time; a target inside a halt takes the price before it, flagged synthetic', () => {
  const candles = new CandleStore(open(one.db));
  const forecasts = stored(one.db);
  let synthetic = 0;
  for (const f of forecasts) {
    const hours = candles.candles(f.symbol, '1h', { from: 0 });
    const last = hours.at(-1)!;
    if (f.targetTime > last.openTime + HOUR) {
      expect(f.realisedPrice).toBeNull(); // still waiting when the data ran out
      continue;
    }
    const exact = hours.find((c) => c.openTime + HOUR === f.targetTime);
    const before = hours.findLast((c) => c.openTime + HOUR <= f.targetTime)!;
    expect(f.realisedPrice).toBe(exact ? exact.close : before.close);
    expect(f.realisedTime).toBe(f.targetTime);
    expect(f.synthetic).toBe(!exact);
    if (!exact) synthetic++;
  }
  expect(synthetic).toBe(10); // the targets inside the halts of 2021-04-20 and 2021-04-25, 5 per pair
  expect(forecasts.filter((f) => f.realisedPrice === null)).toHaveLength(2 * 4); // the last 4 hours of each pair
});

test('what is published is what is stored, and the rolling accuracy leaves synthetic outcomes out', () => {
  const forecasts = stored(one.db);
  expect(one.published.forecasts.map((m) => [m.symbol, m.openTime, m.q50]).sort()).toEqual(forecasts.map((f) => [f.symbol, f.openTime, f.q50]).sort());
  expect(one.published.outcomes).toHaveLength(forecasts.filter((f) => f.realisedPrice !== null).length);
  const btc = one.published.outcomes.filter((o) => o.symbol === 'BTCUSDT');
  const last = btc.at(-1)!;
  expect(last.accuracy.n).toBe(100); // the default window
  const scored = btc.filter((o) => !o.synthetic).slice(-100);
  const hits = scored.map((o) => Math.sign(Math.log(o.predictedPrice / o.price)) === Math.sign(Math.log(o.realisedPrice / o.price)) ? 1 : 0);
  expect(last.accuracy.hitRate).toBeCloseTo(hits.reduce<number>((a, b) => a + b, 0) / 100, 12);
});

test('closes of one turn are scored in one batch, and 1 or 2 workers serve the same forecasts', () => {
  const [alone] = one.stats;
  expect(alone!.models).toEqual(['crypto-1h-h4@1', 'stock-1d-h5@1']);
  expect(alone!.largestBatch).toBe(2); // both pairs' hourly closes through one onnxruntime call
  expect(alone!.batches).toBeLessThan(alone!.forecasts);
  expect(two.stats.reduce((n, s) => n + s.forecasts, 0)).toBe(alone!.forecasts);
  expect(stored(two.db)).toEqual(stored(one.db));
});
