// backtest: bars/s of the 8 crypto pairs at 1m, one SMA crossover each, through the actors (feed → symbols → strategies → paper account), beside a plain single-threaded loop of the same strategies.
// Run: npm run bench -- backtest [days=7] [workers=cores] [decision tf=1m]. Both sides run the
// same StrategyRunner objects on the same bundled bars and must make the same fills; the
// actors' side is `runBacktest` as `tickflow backtest` runs it, on a SimClock. Target: ≥ 5M
// bars/s, or what bounds it: the figures after the run take a bar's time apart.
import { availableParallelism } from 'node:os';
import { symbol } from '../actors/symbol/behaviour.ts';
import { symbolProps } from '../actors/symbol/messages.ts';
import type { ActorContext } from '../engine/index.ts';
import { barPrints } from '../feeds/bars.ts';
import type { Timeframe } from '../market/timeframes.ts';
import { parseBacktestConfig, type BacktestConfig } from '../sim/config.ts';
import { loadData, type Series } from '../sim/data/load.ts';
import { referenceRun } from '../sim/reference/loop.ts';
import type { ReportFill } from '../sim/report/types.ts';
import { runBacktest } from '../sim/run/harness.ts';
import { startSystem } from './engine-kit.ts';
import { formatRate, report, round3 } from './report.ts';

const PAIRS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT', 'DOGEUSDT', 'LTCUSDT'];
const DAYS = Number(process.argv[2] ?? 7);
const WORKERS = Number(process.argv[3] ?? availableParallelism());
const TF = (process.argv[4] ?? '1m') as Timeframe;
const FROM = Date.UTC(2021, 3, 2);
const TARGET = 5_000_000;

/** One SMA(10)/SMA(30) crossover per pair, each buying about $10,000 worth, all in one account. */
async function benchConfig(): Promise<{ config: BacktestConfig; series: Series[] }> {
  const raw = {
    name: 'bench',
    from: FROM,
    to: FROM + DAYS * 86_400_000,
    data: PAIRS.map((p) => ({ symbol: p, bundled: true })),
    account: { cash: 10_000_000, commissionPct: 0.1 },
    strategies: [] as unknown[],
  };
  const loaded = await loadData(raw.data as never, { baseDir: process.cwd(), from: raw.from, to: raw.to });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  raw.strategies = loaded.series.map((s) => ({
    id: `sma-${s.symbol.toLowerCase()}`,
    kind: 'sma-crossover',
    symbols: [s.symbol],
    timeframe: TF,
    params: { fast: 10, slow: 30 },
    sizing: { kind: 'fixed', qty: Number((10_000 / s.bars[0]!.open).toPrecision(4)) },
  }));
  const parsed = parseBacktestConfig(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return { config: parsed.config, series: loaded.series };
}

const key = (f: Omit<ReportFill, 'time'> & { time: number | string }) => `${typeof f.time === 'number' ? new Date(f.time).toISOString() : f.time} ${f.symbol} ${f.side} ${f.qty} ${f.price} ${f.fee} ${f.clientOrderId}`;
/** The same fills, order aside: two strategies filled at one print may be listed either way round. */
const sameFills = (a: readonly Parameters<typeof key>[0][], b: readonly Parameters<typeof key>[0][]) => JSON.stringify(a.map(key).sort()) === JSON.stringify(b.map(key).sort());

/** A context that sends nowhere but says every topic is listened to: the symbol handler's own work, forming candles and previews included. */
const listened = { now: () => 0, hasSubscribers: () => true, publish: () => {}, tell: () => {}, ref: (a: string) => ({ address: a }) } as unknown as ActorContext;

/** µs per print of the symbol actor's handler, with the timeframes the backtest builds, in a plain loop: no runtime around it. */
function symbolCost(series: Series, timeframes: Timeframe[]): number {
  const prints = series.bars.flatMap((b) => barPrints(b, 60_000));
  const run = () => {
    const st = symbol.init(symbolProps.parse({ symbol: series.symbol, timeframes, bandPct: 1e6, gaps: false }), listened);
    const t0 = performance.now();
    for (const p of prints) symbol.handlers.print(st as never, { type: 'print', time: p.time, price: p.price, qty: p.qty }, listened);
    return ((performance.now() - t0) * 1000) / prints.length;
  };
  run(); // warm-up
  return Math.min(run(), run());
}

/** µs per SimDriver round on `workers` idle workers: a tell from the main thread and its drain are two rounds. */
async function roundCost(workers: number): Promise<number> {
  const system = await startSystem({ workers, clock: 'sim', simStart: 0 });
  try {
    const sink = system.spawn('sink', 'b');
    await system.sim!.drain();
    const before = system.sim!.rounds;
    const t0 = performance.now();
    for (let i = 0; i < 2_000; i++) {
      system.tell(sink, { type: 'n', v: i });
      await system.sim!.drain();
    }
    return ((performance.now() - t0) * 1000) / (system.sim!.rounds - before);
  } finally {
    await system.shutdown();
  }
}

const { config, series } = await benchConfig();
const bars = series.reduce((n, s) => n + s.bars.length, 0);
console.log(`${PAIRS.length} pairs, ${DAYS} days of 1m bars (${bars.toLocaleString('en-US')} bars), an SMA(10)/SMA(30) crossover on ${TF} per pair`);

referenceRun(series, config.strategies, config.account); // warm-up: JIT, and the bars parsed
const p0 = performance.now();
const plain = referenceRun(series, config.strategies, config.account);
const plainMs = performance.now() - p0;
const plainRate = bars / (plainMs / 1000);
console.log(`baseline, plain single-threaded loop: ${formatRate(plainRate)} bars/s (${plainMs.toFixed(0)} ms, ${plain.fills.length} fills)`);

const run = await runBacktest(config, { baseDir: process.cwd(), workers: WORKERS, profile: true });
const s = run.stats;
const rate = bars / (s.simWallMs / 1000);
const whole = bars / (s.wallMs / 1000);
const fills = run.reports[0]!.report.fills;
const same = sameFills(fills, plain.fills);
console.log(`actors, ${WORKERS} workers: ${formatRate(rate)} bars/s in the simulation (${(s.simWallMs / 1000).toFixed(1)} s), ${formatRate(whole)} bars/s for the whole run (${(s.wallMs / 1000).toFixed(1)} s); ${fills.length} fills, ${same ? 'the same as' : 'NOT the same as'} the plain loop's`);

// Where a bar's time goes: JSC's sampling profiler in every thread (sim/profile), its samples split by what they were doing.
const perBar = (s.simWallMs * 1000) / bars;
const threads = [...s.profile!.workers.map((p, i) => ({ name: `worker ${i}`, p })), { name: 'main thread', p: s.profile!.main }];
const round = await roundCost(WORKERS);
const sym = symbolCost(series[0]!, ['1m', TF].filter((t, i, a) => a.indexOf(t) === i) as Timeframe[]);
const roundsPerBar = s.rounds / bars;
const msgsPerBar = s.messages / bars;
console.log(`\nper bar: ${round3(perBar)} µs of wall time in the actors, ${round3((plainMs * 1000) / bars)} µs in the plain loop; ${TARGET.toLocaleString('en-US')} bars/s would be ${round3(1e6 / TARGET)} µs`);
console.log(`${round3(msgsPerBar)} messages and ${round3(roundsPerBar)} SimDriver rounds a bar (${s.pauses.toLocaleString('en-US')} pauses, one per ${TF} close, ${round3(s.rounds / s.pauses)} rounds each; an idle round costs ${round3(round)} µs here)`);
for (const { name, p } of threads) {
  console.log(`${name}, its samples by what it was doing:`);
  for (const [bucket, share] of Object.entries(p.buckets)) if (share >= 0.005) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${bucket}`);
}
const top = s.profile!.workers[0]!.total.slice(0, 12).map((f) => `  ${f.pct.toString().padStart(5)}%  ${f.fn}`);
console.log(`worker 0, functions by share of its samples (inclusive):\n${top.join('\n')}`);
const perPause = (s.rounds / s.pauses) * round;
console.log(`bounds: the symbol actor's handler alone takes ${round3(sym)} µs a print in a plain loop, 4 prints a bar: ${formatRate(1e6 / (4 * sym))} bars/s per core at most;`);
const barsPerPause = bars / s.pauses;
console.log(`        each pause costs ${round3(s.rounds / s.pauses)} rounds (${round3(perPause)} µs when idle), shared by the ${round3(barsPerPause)} bars played between two pauses: ${formatRate((barsPerPause * 1e6) / perPause)} bars/s at most, whatever the actors do`);

report({
  bench: 'backtest',
  value: Math.round(rate),
  unit: 'bars/s',
  baseline: Math.round(plainRate),
  target: TARGET,
  workers: WORKERS,
  bars,
  days: DAYS,
  decision_tf: TF,
  whole_run_bars_per_s: Math.round(whole),
  same_fills: same,
  fills: fills.length,
  pauses: s.pauses,
  rounds: s.rounds,
  us_per_bar: round3(perBar),
  us_per_round: round3(round),
  us_per_print_symbol_actor: round3(sym),
  bound_symbol_bars_per_s_per_core: Math.round(1e6 / (4 * sym)),
  messages_per_bar: round3(msgsPerBar),
  samples: Object.fromEntries(threads.map(({ name, p }) => [name, p.buckets])),
});
if (!same) process.exitCode = 1;
