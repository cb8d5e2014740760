// ask: main thread → actor → main thread round trip latency (p50/p99), beside a bare postMessage echo.
import { percentile, report } from './report.ts';
import { startSystem } from './engine-kit.ts';

const SAMPLES = Number(process.argv[2] ?? 20_000);
const us = (ms: number) => Math.round(ms * 1000 * 10) / 10;

async function echoBaseline(n: number): Promise<number[]> {
  const worker = new Worker(new URL('./post-baseline.worker.ts', import.meta.url).href);
  const times: number[] = [];
  let resolve: () => void = () => {};
  worker.onmessage = () => resolve();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise<void>((r) => {
      resolve = r;
      worker.postMessage({ echo: i });
    });
    times.push(performance.now() - t0);
  }
  worker.terminate();
  return times.slice(n / 10);
}

async function engine(n: number): Promise<number[]> {
  const system = await startSystem({ workers: 2 });
  const c = system.spawn('sink', 'asked'); // keeps no snapshot: the ask path alone
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await system.ask(c, { type: 'get' });
    times.push(performance.now() - t0);
  }
  await system.shutdown();
  return times.slice(n / 10); // the first tenth warms the JIT
}

const base = await echoBaseline(SAMPLES);
const times = await engine(SAMPLES);
const [p50, p99, b50, b99] = [percentile(times, 50), percentile(times, 99), percentile(base, 50), percentile(base, 99)];
console.log(`baseline postMessage echo: p50 ${us(b50)} µs, p99 ${us(b99)} µs`);
console.log(`engine ask round trip:     p50 ${us(p50)} µs, p90 ${us(percentile(times, 90))} µs, p99 ${us(p99)} µs`);
report({
  bench: 'ask',
  value: us(p99),
  unit: 'µs p99',
  baseline: us(b99),
  p50: us(p50),
  p90: us(percentile(times, 90)),
  baseline_p50: us(b50),
  baseline_p90: us(percentile(base, 90)),
  p999: us(percentile(times, 99.9)),
  samples: times.length,
});
