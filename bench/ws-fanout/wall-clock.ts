// Wall time in ms with sub-ms resolution, comparable between processes on one machine: how a
// client in another process turns a frame's `edgeAt` into a latency.
export const wallMs = (): number => performance.timeOrigin + performance.now();
