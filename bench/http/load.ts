/**
 * A small closed-loop HTTP/1.1 load generator, in the spirit of wrk: `connections` keep-alive
 * sockets, each sending one GET and waiting for the whole response before the next. Raw TCP
 * (Bun.connect) rather than fetch, so the client costs little beside the server it measures.
 */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Latency percentiles in ms. */
  p50: number;
  p99: number;
  /** Responses whose status was not 2xx. */
  non2xx: number;
}

const CRLF2 = '\r\n\r\n';

export async function load(url: string, { connections = 64, seconds = 5 } = {}): Promise<LoadResult> {
  const { hostname, port, pathname, search } = new URL(url);
  const request = new TextEncoder().encode(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: application/json\r\n\r\n`);
  const latencies: number[] = [];
  let non2xx = 0;
  let stop = false;
  const started = performance.now();

  const one = () =>
    new Promise<void>((resolve, reject) => {
      let buffer = '';
      let sentAt = 0;
      const send = (socket: { write(b: Uint8Array): number; end(): void }) => {
        if (stop) {
          socket.end();
          return resolve();
        }
        sentAt = performance.now();
        socket.write(request);
      };
      void Bun.connect({
        hostname,
        port: Number(port),
        socket: {
          open: send,
          data(socket, chunk) {
            buffer += chunk.toString('latin1');
            for (;;) {
              const end = buffer.indexOf(CRLF2);
              if (end === -1) return;
              const head = buffer.slice(0, end);
              const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
              if (buffer.length < end + 4 + length) return; // the body is still coming (bytes = chars in latin1)
              if (head.charCodeAt(9) !== 50) non2xx++; // "HTTP/1.1 2xx"
              buffer = buffer.slice(end + 4 + length);
              latencies.push(performance.now() - sentAt);
              send(socket);
            }
          },
          error: (_s, e) => reject(e),
          close: () => resolve(),
        },
      }).catch(reject);
    });

  const runs = Array.from({ length: connections }, one);
  await Bun.sleep(seconds * 1000);
  stop = true;
  await Promise.all(runs);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
  return { requests: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50: at(50), p99: at(99), non2xx };
}
