// Consumer side of bench/transport.ts: reads every field of every message and
export {}; // a module, so its names do not collide with other worker scripts
// sums them, so no method can win by skipping the reads.
declare var self: Worker;

// Message layout shared with transport.ts: 4 float64 fields per message.
const FIELDS = 4;
// Control slots in the ring's Int32Array (indices count messages, not slots).
const HEAD = 0;
const TAIL = 1;

// ACKED (in ctrl) tells a postMessage sender how far this worker has read, so
// the sender can bound its queue the way a real engine must.
const ACKED = 2;
const ACK_EVERY = 1024;

type Start = { cmd: "start"; mode: "object" | "batch" | "ring"; total: number; data: SharedArrayBuffer; ctrl: SharedArrayBuffer };

let mode: "idle" | "object" | "batch" = "idle";
let total = 0;
let count = 0;
let sum = 0;
let ctrl: Int32Array<ArrayBufferLike> = new Int32Array(3);

function ack(): void {
  Atomics.store(ctrl, ACKED, count);
  Atomics.notify(ctrl, ACKED);
}

function finish(): void {
  self.postMessage({ count, sum });
  mode = "idle";
}

// Single consumer of the SPSC ring. Blocks this worker's event loop on purpose:
// nothing else arrives while a ring run is in flight.
function drainRing(data: Float64Array, ctrl: Int32Array, capacity: number): void {
  const mask = capacity - 1;
  let tail = 0;
  while (tail < total) {
    const head = Atomics.load(ctrl, HEAD);
    if (head === tail) {
      // Nothing published yet: sleep until the producer bumps HEAD. The timeout
      // only bounds a missed wake-up; it never ends the loop, `total` does.
      Atomics.wait(ctrl, HEAD, head, 5);
      continue;
    }
    for (; tail < head; tail++) {
      const o = (tail & mask) * FIELDS;
      sum += data[o]! + data[o + 1]! + data[o + 2]! + data[o + 3]!;
    }
    count = tail;
    Atomics.store(ctrl, TAIL, tail);
    Atomics.notify(ctrl, TAIL); // a producer blocked on a full ring can go on
  }
}

self.onmessage = (e: MessageEvent) => {
  const d = e.data;
  if (mode === "object") {
    sum += d.type + d.dst + d.src + d.value;
    if (++count % ACK_EVERY === 0) ack();
    if (count === total) finish();
    return;
  }
  if (mode === "batch") {
    const a = d as Float64Array;
    for (let o = 0; o < a.length; o += FIELDS) sum += a[o]! + a[o + 1]! + a[o + 2]! + a[o + 3]!;
    count += a.length / FIELDS;
    ack();
    if (count === total) finish();
    return;
  }
  const s = d as Start;
  total = s.total;
  count = 0;
  sum = 0;
  ctrl = new Int32Array(s.ctrl);
  if (s.mode === "ring") {
    self.postMessage({ ready: true }); // delivered even while the loop below blocks
    const data = new Float64Array(s.data);
    drainRing(data, ctrl, data.length / FIELDS);
    finish();
  } else {
    mode = s.mode;
    self.postMessage({ ready: true });
  }
};
