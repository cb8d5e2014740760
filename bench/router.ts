// router: small messages between actors on two workers per second, batched, beside one postMessage per message.
import { formatRate, report } from './report.ts';
import { median, pumpRates, startSystem } from './engine-kit.ts';

const N = Number(process.argv[2] ?? 10_000_000);

/** Baseline: worker A posts N small objects to worker B over a MessageChannel, one postMessage each. */
async function postPerMessage(n: number): Promise<number> {
  const url = new URL('./post-baseline.worker.ts', import.meta.url).href;
  const [a, b] = [new Worker(url), new Worker(url)];
  const { port1, port2 } = new MessageChannel();
  const done = new Promise((resolve) => (b.onmessage = resolve));
  b.postMessage({ role: 'receiver', port: port2, n }, [port2]);
  await Bun.sleep(20);
  const t0 = performance.now();
  a.postMessage({ role: 'sender', port: port1, n }, [port1]);
  await done;
  const rate = n / ((performance.now() - t0) / 1000);
  a.terminate();
  b.terminate();
  return rate;
}


async function engine(n: number): Promise<number[]> {
  const system = await startSystem({ workers: 2, placement: { trickle: 0, sink: 1 } });
  const rates = await pumpRates(system, n, 5);
  await system.shutdown();
  return rates;
}

const baseline = await postPerMessage(Math.min(N, 2_000_000));
console.log(`baseline, one postMessage per message: ${formatRate(baseline)} msgs/s`);
const rates = await engine(N);
console.log(`engine, batched across workers: ${rates.map(formatRate).join(', ')} msgs/s`);
report({ bench: 'router', value: Math.round(median(rates)), unit: 'msgs/s', baseline: Math.round(baseline), best: Math.round(Math.max(...rates)), runs: rates.map(Math.round), messages: N });
