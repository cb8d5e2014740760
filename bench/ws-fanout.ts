// ws-fanout: 1,000 and 10,000 WebSocket clients on one topic while the engine replays; latency from the edge hearing a message to each client (p50/p99) and delivered msgs/s, beside bare Bun.serve pub/sub at the same rate.
import { LatencyHistogram } from './kit/latency-histogram.ts';
import { serve } from './kit/serve.ts';
import { round3 } from './report.ts';
import { report } from './report.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENT_COUNTS = (process.argv[3] ?? '1000,10000').split(',').map(Number);
const SPEED = process.argv[4] ?? '300x';
// Client processes: the clients must not be what is measured, so they get a core's worth between them.
const CLIENT_PROCS = 2;

interface ClientReport {
  frames: number;
  seconds: number;
  gaps: number;
  open: number;
  closes: Record<string, number>;
  latency: { counts: Record<string, number>; max: number };
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
    }
  }
}

/** Starts the client processes, waits until every client is subscribed, measures, and merges what they saw. */
async function measure(url: string, clients: number) {
  const procs = Array.from({ length: CLIENT_PROCS }, (_, i) => {
    const count = Math.floor(clients / CLIENT_PROCS) + (i < clients % CLIENT_PROCS ? 1 : 0);
    const proc = Bun.spawn(['bun', 'bench/ws-fanout/clients.ts'], { env: { ...process.env, URL: url, COUNT: String(count), SECONDS: String(SECONDS) }, stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
    return { proc, out: lines(proc.stdout) };
  });
  for (const { out } of procs) if ((await out.next()).value !== 'ready') throw new Error('a client process did not get ready');
  for (const { proc } of procs) proc.stdin.write('go\n');
  const reports: ClientReport[] = [];
  for (const { proc, out } of procs) {
    reports.push(JSON.parse((await out.next()).value as string) as ClientReport);
    await proc.exited;
  }
  const latency = new LatencyHistogram();
  for (const r of reports) latency.add(r.latency);
  const frames = reports.reduce((n, r) => n + r.frames, 0);
  const seconds = Math.max(...reports.map((r) => r.seconds));
  const closes: Record<string, number> = {};
  for (const r of reports) for (const [code, n] of Object.entries(r.closes)) closes[code] = (closes[code] ?? 0) + n;
  return {
    clients,
    held: reports.reduce((n, r) => n + r.open, 0),
    p50_ms: round3(latency.percentile(50)),
    p99_ms: round3(latency.percentile(99)),
    max_ms: round3(latency.max),
    delivered_per_s: Math.round(frames / seconds),
    per_client_per_s: round3(frames / seconds / clients),
    gaps: reports.reduce((n, r) => n + r.gaps, 0),
    closes,
  };
}

type Result = Awaited<ReturnType<typeof measure>>;
const show = (name: string, r: Result) =>
  console.log(`${name.padEnd(9)} ${String(r.clients).padStart(6)} clients (${r.held} held)  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  max ${r.max_ms} ms  ${r.delivered_per_s} msgs/s (${r.per_client_per_s}/client)  gaps ${r.gaps}`);

const engine: Result[] = [];
const bare: Result[] = [];
for (const clients of CLIENT_COUNTS) {
  const tickflow = await serve(['bun', 'bench/ws-fanout/engine.server.ts'], { SPEED }, '/');
  const e = await measure(`ws://127.0.0.1:${tickflow.port}/ws`, clients);
  await tickflow.stop();
  show('tickflow', e);
  engine.push(e);
  // The baseline publishes at the rate the engine's probe topic had, so both deliver the same.
  const server = await serve(['bun', 'bench/ws-fanout/bare.server.ts'], { RATE: String(Math.max(1, e.per_client_per_s)) }, '/');
  const b = await measure(`ws://127.0.0.1:${server.port}/ws`, clients);
  await server.stop();
  show('bare Bun', b);
  bare.push(b);
}

report({
  bench: 'ws-fanout',
  value: engine[0]!.p99_ms,
  unit: `ms p99 from edge to client at ${engine[0]!.clients} clients (lower is better)`,
  baseline: bare[0]!.p99_ms,
  speed: SPEED,
  seconds: SECONDS,
  tickflow: engine,
  bare,
});
