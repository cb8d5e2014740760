// Baseline peer for the router and ask benches: plain Bun workers, one postMessage per message.
export {}; // a module, so its names do not collide with other worker scripts
declare const self: Worker;

let count = 0;
let target = 0;
let peer: MessagePort | null = null;

self.onmessage = (e: MessageEvent) => {
  const d = e.data as { role?: string; port?: MessagePort; n?: number; echo?: number };
  if (d.role === 'sender') {
    for (let i = 0; i < d.n!; i++) d.port!.postMessage({ type: 'n', v: i });
  } else if (d.role === 'receiver') {
    target = d.n!;
    count = 0;
    peer = d.port!;
    peer.onmessage = () => {
      if (++count === target) self.postMessage({ done: count });
    };
  } else if (d.echo !== undefined) {
    self.postMessage({ echo: d.echo });
  }
};
