import { afterAll, beforeAll, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem, topicPattern } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import { parseBacktestConfig } from '../../sim/config.ts';
import type { JobMsg } from '../../sim/jobs/jobs.ts';
import { reportJson } from '../../sim/report/write.ts';
import { runBacktest } from '../../sim/run/harness.ts';
import { createApp } from '../app.ts';
import type { Problem } from '../problem.ts';

let system: ActorSystem;
let app: ReturnType<typeof createApp>;
const heard: JobMsg[] = [];

beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  system = await ActorSystem.start({ workers: 1, behaviours: [TESTING_KINDS] });
  system.subscribe(topicPattern('backtest.>'), (m) => void heard.push(m as JobMsg));
  app = createApp({ system, instruments: loaded.registry, startedAt: 0, version: 'test', log: createLogger('error') });
}, 60_000);
afterAll(() => system.shutdown());

/** Three days of BTCUSDT, short averages so they cross often. */
const CONFIG = {
  name: 'job',
  from: '2021-04-05',
  to: '2021-04-08',
  data: [{ symbol: 'BTCUSDT', bundled: true }],
  account: { cash: 100_000, commissionPct: 0.1 },
  strategies: [{ id: 'sma-3-8', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: { fast: 3, slow: 8 }, sizing: { kind: 'fixed', qty: 1 } }],
};

const call = async <T = Problem>(path: string, body?: unknown) => {
  const res = await app.request(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};

interface Job {
  id: string;
  status: string;
  topic: string;
  progress: { pct: number };
  report: { fills: unknown[]; final: { value: number } } | null;
  errors: string[];
}

test('POST /api/backtests queues a job; its progress goes out on backtest.<id>; GET carries the report, the same bytes as the CLI harness makes', async () => {
  const posted = await call<Job>('/api/backtests', { config: CONFIG });
  expect(posted.status).toBe(202);
  expect(posted.body).toMatchObject({ status: 'queued', topic: `backtest.${posted.body.id}`, report: null });
  let job = posted.body;
  while (job.status === 'queued' || job.status === 'running') {
    await Bun.sleep(50);
    job = (await call<Job>(`/api/backtests/${posted.body.id}`)).body;
  }
  expect(job.status).toBe('done');
  expect(job.progress.pct).toBe(100);
  expect(job.report!.fills.length).toBeGreaterThan(2);

  const direct = await runBacktest((parseBacktestConfig(CONFIG) as { ok: true; config: never }).config, { baseDir: process.cwd(), workers: 2 });
  expect(reportJson(job.report)).toBe(reportJson(direct.reports[0]!.report));

  await system.settle();
  const mine = heard.filter((m) => m.id === job.id);
  expect(mine[0]).toMatchObject({ type: 'backtest', status: 'queued', pct: 0 });
  expect(mine.at(-1)).toMatchObject({ status: 'done', pct: 100 });
  expect(mine.some((m) => m.status === 'running' && m.phase === 'running' && m.pct > 0 && m.pct < 100)).toBe(true);
  const pcts = mine.map((m) => m.pct);
  expect(pcts).toEqual([...pcts].sort((a, b) => a - b)); // never backwards

  const listed = await call<{ backtests: Job[] }>('/api/backtests');
  expect(listed.body.backtests.find((b) => b.id === job.id)).toMatchObject({ status: 'done', report: null });
}, 120_000);

test('a config the job cannot run is a 400 naming the field; a path to a server file is refused; an unknown job is a 404', async () => {
  const bad = await call('/api/backtests', { config: { ...CONFIG, strategies: [{ ...CONFIG.strategies[0], timeframe: '2h' }] } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors?.[0]?.field).toBe('config.strategies.0.timeframe');
  expect(bad.body.detail).toContain('timeframe must be one of');

  const path = await call('/api/backtests', { config: { ...CONFIG, data: [{ symbol: 'BTCUSDT', csv: '/etc/passwd' }] } });
  expect(path.status).toBe(400);
  expect(path.body.detail).toContain('not a path');

  const module = await call('/api/backtests', { config: { ...CONFIG, strategies: [{ ...CONFIG.strategies[0], kind: undefined, module: '/tmp/evil.ts' }] } });
  expect(module.status).toBe(400);
  expect(module.body.errors?.[0]?.field).toBe('config.strategies.0.module');

  const missing = await call('/api/backtests', { config: { ...CONFIG, data: [{ symbol: 'ETHUSDT', bundled: true }] } });
  expect(missing.status).toBe(400);
  expect(missing.body.detail).toContain('BTCUSDT has no data');

  expect((await call('/api/backtests/bt-nope')).status).toBe(404);
  expect((await call('/api/backtests', { nothing: true })).status).toBe(400);
});

test('data that fails only when read fails the job, with the reason', async () => {
  const posted = await call<Job>('/api/backtests', { config: { ...CONFIG, from: '2030-01-01', to: '2030-02-01' } });
  expect(posted.status).toBe(202);
  let job = posted.body;
  while (job.status === 'queued' || job.status === 'running') {
    await Bun.sleep(20);
    job = (await call<Job>(`/api/backtests/${posted.body.id}`)).body;
  }
  expect(job).toMatchObject({ status: 'failed', report: null });
  expect(job.errors[0]).toContain('BTCUSDT: no bars in the range');
}, 60_000);
