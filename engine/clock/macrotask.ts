/**
 * Yielding to the event loop so a busy worker still reads its inbound port. Not time-based,
 * but it lives beside the clocks because it is the only other way engine code defers work.
 */
export const nextMacrotask = (run: () => void): void => {
  setImmediate(run);
};

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks the calling worker for about a millisecond without burning a core: how a producer
 * waits out back-pressure. Never called on the main thread (Atomics.wait is not allowed there).
 */
export const pauseBriefly = (): void => {
  Atomics.wait(sleeper, 0, 0, 1);
};
