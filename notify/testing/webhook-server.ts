/** What the test server answers one request with; `hold` keeps the answer back until the promise settles (a slow endpoint). */
export interface WebhookReply {
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly hold?: Promise<unknown>;
}

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface WebhookServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every request, in the order they arrived (answered or not). */
  readonly requests: ReceivedRequest[];
  /** Requests answered so far, with the status they got. */
  readonly answered: { readonly path: string; readonly status: number }[];
  stop(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port standing in for Discord: it records every
 * POST and answers as the test script says (204, a 500, a 429 with retry_after, or nothing for a
 * while), so deliveries are tested through the network stack they use live.
 */
export function webhookServer(reply: (request: ReceivedRequest, index: number) => WebhookReply = () => ({ status: 204 })): WebhookServer {
  const requests: ReceivedRequest[] = [];
  const answered: { path: string; status: number }[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const text = await request.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const received = { path: new URL(request.url).pathname, headers: Object.fromEntries(request.headers), body };
      requests.push(received);
      const r = reply(received, requests.length - 1);
      if (r.hold) await r.hold.catch(() => undefined);
      const status = r.status ?? 204;
      answered.push({ path: received.path, status });
      return new Response(status === 204 ? null : (r.body ?? ''), { status, headers: { 'content-type': 'application/json', ...r.headers } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, answered, stop: () => server.stop(true) };
}
