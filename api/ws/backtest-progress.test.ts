import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { JobMsg } from '../../sim/jobs/jobs.ts';
import { startTestEdge, type TestEdge } from './test-edge.ts';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.stop());

/** Two days of BTCUSDT with short averages: a job of a few seconds. */
const CONFIG = {
  name: 'ws-progress',
  from: '2021-04-05',
  to: '2021-04-07',
  data: [{ symbol: 'BTCUSDT', bundled: true }],
  account: { cash: 100_000, commissionPct: 0.1 },
  strategies: [{ id: 'sma-3-8', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: { fast: 3, slow: 8 }, sizing: { kind: 'fixed', qty: 1 } }],
};

test("a backtest job's progress reaches a /ws client subscribed to backtest.<id>, in order, up to done", async () => {
  const client = await edge.connect();
  const subscribed = await client.request({ op: 'subscribe', topic: 'backtest.>' });
  expect(subscribed.at(-1)).toMatchObject({ type: 'subscribed', topic: 'backtest.>' });
  const posted = await fetch(`http://127.0.0.1:${edge.server.port}/api/backtests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: CONFIG }) });
  expect(posted.status).toBe(202);
  const { id } = (await posted.json()) as { id: string };

  const seen: JobMsg[] = [];
  let last = 0;
  while (seen.at(-1)?.status !== 'done') {
    const frame = (await client.next(60_000)) as { type: string; topic?: string; seq?: number; data?: JobMsg };
    expect(frame).toMatchObject({ type: 'delta', topic: `backtest.${id}` });
    expect(frame.seq).toBe(last + 1); // nothing skipped
    last = frame.seq!;
    seen.push(frame.data!);
  }
  expect(seen.map((m) => m.status)).toContain('running');
  const pcts = seen.map((m) => m.pct);
  expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
  expect(seen.at(-1)).toMatchObject({ type: 'backtest', id, status: 'done', pct: 100, errors: [] });
  client.close();
}, 90_000);
