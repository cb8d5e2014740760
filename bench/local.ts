// local: actor-to-actor messages on one worker per second, beside a bare in-thread queue and function call.
import { formatRate, report } from './report.ts';
import { median, pumpRates, startSystem } from './engine-kit.ts';

const N = Number(process.argv[2] ?? 10_000_000);
const CHUNK = 1_000; // as pumpRates sends them

/** Baseline: the same messages through a plain array queue and a handler call, no engine. */
function bareQueue(n: number): number {
  const state = { count: 0, sum: 0 };
  const handle = (m: { type: string; v: number }) => {
    state.count++;
    state.sum += m.v;
  };
  const queue: { type: string; v: number }[] = [];
  const t0 = performance.now();
  for (let sent = 0; sent < n; sent += CHUNK) {
    for (let i = 0; i < CHUNK; i++) queue.push({ type: 'n', v: i });
    for (let i = 0; i < queue.length; i++) handle(queue[i]!);
    queue.length = 0;
  }
  return n / ((performance.now() - t0) / 1000);
}

async function engine(n: number): Promise<number[]> {
  const system = await startSystem({ workers: 1 });
  const rates = await pumpRates(system, n, 5);
  await system.shutdown();
  return rates;
}

const baseline = Math.max(bareQueue(N), bareQueue(N));
console.log(`baseline, bare queue + call in one thread: ${formatRate(baseline)} msgs/s`);
const rates = await engine(N);
console.log(`engine, actor to actor on one worker: ${rates.map(formatRate).join(', ')} msgs/s`);
report({ bench: 'local', value: Math.round(median(rates)), unit: 'msgs/s', baseline: Math.round(baseline), best: Math.round(Math.max(...rates)), runs: rates.map(Math.round), messages: N });
