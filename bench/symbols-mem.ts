// symbols-mem: resident memory with 1,000 symbol actors live (6 timeframes + indicators each), beside the idle system.
import { availableParallelism } from 'node:os';
import { MARKET_KINDS } from '../actors/market.ts';
import { crypto1m } from '../data/read.ts';
import { ActorSystem, address } from '../engine/index.ts';
import { report } from './report.ts';

const SYMBOLS = Number(process.argv[2] ?? 1_000);
const BARS = Number(process.argv[3] ?? 400); // minutes of data each symbol has seen
const PAIRS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT', 'DOGEUSDT', 'LTCUSDT'];
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** RSS of the whole process (main thread and workers share it) once every thread has collected. */
async function rss(system: ActorSystem): Promise<{ rss: number; heaps: number }> {
  await system.collectGarbage();
  await Bun.sleep(1_000); // let the allocator hand freed pages back
  const heaps = (await system.collectGarbage()).reduce((a, b) => a + b, 0) + process.memoryUsage().heapUsed;
  return { rss: process.memoryUsage().rss, heaps };
}

const system = await ActorSystem.start({ workers: availableParallelism(), behaviours: MARKET_KINDS });
await system.settle();
const idle = await rss(system);

const names = Array.from({ length: SYMBOLS }, (_, i) => `SYM${String(i).padStart(4, '0')}`);
for (const s of names) system.spawn('symbol', s, { symbol: s });
// Each symbol replays the first BARS minutes of one of the 8 bundled pairs (files are loaded once per worker).
const feeds = names.map((symbol, i) => ({ symbol, file: crypto1m(PAIRS[i % PAIRS.length]!) }));
system.spawn('replay', 'mem', { feeds, speed: 0, loop: false, bars: BARS });
const t0 = performance.now();
let done = false;
while (!done) {
  await Bun.sleep(500);
  const v = await system.ask<{ printed: number }>(address('replay', 'mem'), { type: 'view' }, 30_000);
  done = v.printed >= SYMBOLS * BARS * 4;
}
await system.settle(120_000);
const seconds = (performance.now() - t0) / 1000;
const sample = await system.ask<{ forming: Record<string, unknown>; indicators: Record<string, unknown> }>(address('symbol', names[0]!), { type: 'view' });
const live = await rss(system);
await system.shutdown();

console.log(`idle system: ${mb(idle.rss)} MB RSS; ${SYMBOLS} symbols after ${BARS} minutes each (${seconds.toFixed(1)} s): ${mb(live.rss)} MB RSS`);
console.log(`JS heaps of all threads: ${mb(idle.heaps)} → ${mb(live.heaps)} MB, ${Math.round((live.heaps - idle.heaps) / SYMBOLS / 1024)} KB of live state per symbol`);
console.log(`timeframes forming: ${Object.keys(sample.forming).length}, with indicator rows: ${Object.keys(sample.indicators).length}`);
report({
  bench: 'symbols-mem',
  value: mb(live.rss),
  unit: 'MB RSS',
  baseline: mb(idle.rss),
  symbols: SYMBOLS,
  per_symbol_kb: Math.round((live.rss - idle.rss) / SYMBOLS / 1024),
  heaps_mb: mb(live.heaps),
  heap_per_symbol_kb: Math.round((live.heaps - idle.heaps) / SYMBOLS / 1024),
  target_mb: 300,
});
