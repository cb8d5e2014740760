// http: req/s and p99 of /api/market/summary and /api/asset/{symbol}/candles under load from this process, beside a bare Bun.serve.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, type LoadResult } from './http/load.ts';
import { serve } from './kit/serve.ts';
import { formatRate, report, round3 } from './report.ts';

const SECONDS = Number(process.argv[2] ?? 5);
const CONNECTIONS = Number(process.argv[3] ?? 64);

const show = (name: string, r: LoadResult) =>
  console.log(`${name.padEnd(34)} ${formatRate(r.perSecond).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms${r.non2xx ? `  (${r.non2xx} non-2xx!)` : ''}`);

const bare = await serve(['bun', 'bench/http/bare.server.ts'], {}, '/');
const baseline = await load(`http://127.0.0.1:${bare.port}/`, { connections: CONNECTIONS, seconds: SECONDS });
await bare.stop();
show('bare Bun.serve', baseline);

const db = join(mkdtempSync(join(tmpdir(), 'tickflow-bench-http-')), 'bench.db');
// LOG_LEVEL=warn leaves out the access log (a JSON line per request, at info): set LOG_LEVEL=info to include it.
const tickflow = await serve(['bun', 'main.ts'], { TICKFLOW_DB: db, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RATE_LIMIT_PER_SEC: '0' }, '/api/health');
const base = `http://127.0.0.1:${tickflow.port}`;
const ROUTES = { summary: '/api/market/summary?class=crypto', candles: '/api/asset/BTCUSDT/candles?tf=1m&limit=100' };
// Measure a market that has something to say: wait for the summary and some stored candles.
for (let i = 0; i < 100; i++) {
  const [s, c] = await Promise.all(Object.values(ROUTES).map((r) => fetch(base + r).then(async (res) => (res.ok ? ((await res.json()) as unknown) : null))));
  if (s && c && JSON.stringify(c).includes('"openTime"')) break;
  await Bun.sleep(200);
}
const results: Record<string, LoadResult> = {};
for (const [name, route] of Object.entries(ROUTES)) {
  results[name] = await load(base + route, { connections: CONNECTIONS, seconds: SECONDS });
  show(`GET ${route}`, results[name]);
}
await tickflow.stop();

const { summary, candles } = results as { summary: LoadResult; candles: LoadResult };
report({
  bench: 'http',
  value: Math.round(summary.perSecond),
  unit: 'req/s (/api/market/summary)',
  baseline: Math.round(baseline.perSecond),
  summary_p99_ms: round3(summary.p99),
  candles_rps: Math.round(candles.perSecond),
  candles_p99_ms: round3(candles.p99),
  candles_ratio: round3(candles.perSecond / baseline.perSecond),
  bare_p99_ms: round3(baseline.p99),
  non2xx: summary.non2xx + candles.non2xx,
  connections: CONNECTIONS,
  seconds: SECONDS,
});
