// One process of the fan-out bench's clients: COUNT WebSocket connections to URL, each
// subscribed to TOPIC. It says `ready` once all are subscribed and the topic flows, measures
// for SECONDS after the orchestrator writes `go`, and prints one JSON line: frames, latency
// histogram, seq gaps, closes.
import { LatencyHistogram } from '../kit/latency-histogram.ts';
import { connectRaw } from './raw-client.ts';
import { wallMs } from './wall-clock.ts';

const URL_ = process.env.URL!;
const COUNT = Number(process.env.COUNT);
const TOPIC = process.env.PROBE_TOPIC ?? 'tick.BTCUSDT';
const SECONDS = Number(process.env.SECONDS ?? 10);
const OPEN_BATCH = 250;

const latency = new LatencyHistogram();
let measuring = false;
let frames = 0;
let gaps = 0;
let subscribed = 0;
/** Deltas heard before `go`: measuring starts once the topic is flowing, not while the engine starts. */
let warm = 0;
const closes = new Map<number, number>();
const sockets: { readonly open: boolean; close(): void }[] = [];

/** Reads a number field out of a frame without parsing all of it: the client must stay cheaper than the server. */
function field(frame: string, name: string): number {
  const at = frame.lastIndexOf(`"${name}":`);
  return at < 0 ? NaN : parseFloat(frame.slice(at + name.length + 3, at + name.length + 40));
}

async function connect(): Promise<void> {
  let lastSeq = -1;
  const ws = await connectRaw(URL_, {
    onText(frame) {
      if (frame.startsWith('{"type":"delta"')) {
        const seq = field(frame, 'seq');
        if (lastSeq >= 0 && seq !== lastSeq + 1 && measuring) gaps++;
        lastSeq = seq;
        if (!measuring) return void warm++;
        frames++;
        latency.record(wallMs() - field(frame, 'edgeAt'));
      } else if (frame.startsWith('{"type":"subscribed"')) subscribed++;
    },
    onClose: (code) => void closes.set(code, (closes.get(code) ?? 0) + 1),
  });
  ws.send(JSON.stringify({ op: 'subscribe', topic: TOPIC }));
  sockets.push(ws);
}

for (let opened = 0; opened < COUNT; opened += OPEN_BATCH) {
  await Promise.all(Array.from({ length: Math.min(OPEN_BATCH, COUNT - opened) }, connect));
}
while (subscribed < COUNT || warm < COUNT) await Bun.sleep(20);
console.log('ready');

for await (const chunk of Bun.stdin.stream()) if (new TextDecoder().decode(chunk).includes('go')) break;
measuring = true;
const started = performance.now();
await Bun.sleep(SECONDS * 1000);
measuring = false;
const seconds = (performance.now() - started) / 1000;
const open = sockets.filter((s) => s.open).length;
console.log(JSON.stringify({ frames, seconds, gaps, open, closes: Object.fromEntries(closes), latency: latency.toJSON() }));
for (const ws of sockets) ws.close();
process.exit(0);
