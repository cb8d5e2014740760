// sweep: 100 parameter sets of an SMA crossover over BTCUSDT's 1m bars in one sweep (one simulation, spread across the workers), wall time beside running them one after another.
// Run: npm run bench -- sweep [days=7] [sequential sample=10] [workers=cores] [decision tf=1h].
// The sweep shares one feed and one symbol actor between its 100 strategy-and-account pairs;
// the baseline runs each set as its own backtest (`tickflow backtest`, the same code), one after
// another. Timing all 100 of those takes a long while, so by default every tenth is timed and
// the total scaled (each is the same work on the same data); pass 100 to time them all. Each
// timed run's report must equal the sweep's report of the same set.
import { availableParallelism } from 'node:os';
import type { Timeframe } from '../market/timeframes.ts';
import { parseBacktestConfig, type BacktestConfig } from '../sim/config.ts';
import { reportJson } from '../sim/report/write.ts';
import { runBacktest } from '../sim/run/harness.ts';
import { report, round3 } from './report.ts';

const DAYS = Number(process.argv[2] ?? 7);
const SAMPLE = Math.max(1, Math.min(100, Number(process.argv[3] ?? 10)));
const WORKERS = Number(process.argv[4] ?? availableParallelism());
const TF = (process.argv[5] ?? '1h') as Timeframe;
const FROM = Date.UTC(2021, 3, 2);
const FAST = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SLOW = [12, 17, 22, 27, 32, 37, 42, 47, 52, 57];

function config(sweep: boolean, params: { fast: number; slow: number } = { fast: 10, slow: 30 }): BacktestConfig {
  const parsed = parseBacktestConfig({
    name: 'sweep bench',
    from: FROM,
    to: FROM + DAYS * 86_400_000,
    data: [{ symbol: 'BTCUSDT', bundled: true }],
    account: { id: 'bench', cash: 100_000, commissionPct: 0.1 },
    strategies: [{ id: 'sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: TF, params, sizing: { kind: 'fixed', qty: 1 } }],
    ...(sweep ? { sweep: { params: { fast: FAST, slow: SLOW }, rankBy: 'sharpe' } } : {}),
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

/** A run's report with the names that differ between a sweep's run and the same set alone (ids, run number) taken out. */
const comparable = (r: { fills: readonly { clientOrderId: string; orderId: string }[] }) =>
  reportJson({ ...r, name: '', strategies: [], account: null, fills: r.fills.map((f) => ({ ...f, clientOrderId: f.clientOrderId.replace(/^[^:]+:/, ''), orderId: '' })) });

console.log(`${FAST.length * SLOW.length} parameter sets (fast ${FAST.join(',')} × slow ${SLOW.join(',')}) of an SMA crossover on ${TF}, BTCUSDT 1m bars, ${DAYS} days, ${WORKERS} workers`);
const sweep = await runBacktest(config(true), { baseDir: process.cwd(), workers: WORKERS });
const sweepS = sweep.stats.wallMs / 1000;
console.log(`sweep: ${sweep.reports.length} runs in one simulation: ${sweepS.toFixed(1)} s (simulation ${(sweep.stats.simWallMs / 1000).toFixed(1)} s), best by sharpe: run ${sweep.sweep!.rows[0]!.run} ${JSON.stringify(sweep.sweep!.rows[0]!.params)}`);

const step = Math.round(100 / SAMPLE);
let sequentialMs = 0;
let timed = 0;
let mismatches = 0;
for (let i = 0; i < sweep.reports.length; i += step) {
  const { params, report: inSweep } = sweep.reports[i]!;
  const alone = await runBacktest(config(false, params as { fast: number; slow: number }), { baseDir: process.cwd(), workers: WORKERS });
  sequentialMs += alone.stats.wallMs;
  timed++;
  if (comparable(alone.reports[0]!.report) !== comparable(inSweep)) {
    mismatches++;
    console.log(`run ${i} ${JSON.stringify(params)}: its report alone differs from the sweep's`);
  }
}
const sequentialS = (sequentialMs / 1000) * (sweep.reports.length / timed);
console.log(`one after another: ${timed} of ${sweep.reports.length} timed, ${(sequentialMs / 1000).toFixed(1)} s, so ${sequentialS.toFixed(1)} s for all; each the same as in the sweep: ${mismatches === 0 ? 'yes' : `no (${mismatches})`}`);
console.log(`speed-up ${round3(sequentialS / sweepS)}×`);

report({
  bench: 'sweep',
  value: round3(sweepS),
  unit: 's',
  baseline: round3(sequentialS),
  speedup: round3(sequentialS / sweepS),
  runs: sweep.reports.length,
  sequential_timed: timed,
  days: DAYS,
  decision_tf: TF,
  workers: WORKERS,
  sweep_sim_s: round3(sweep.stats.simWallMs / 1000),
  same_reports: mismatches === 0,
});
if (mismatches > 0) process.exitCode = 1;
