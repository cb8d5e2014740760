import { readFileSync } from 'node:fs';

/** What the scripted server answers to one request; a promise lets a test hold the answer back. */
export interface ScriptedReply {
  readonly status?: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

export interface ScriptedServer {
  /** http://127.0.0.1:<port>, to pass as a poller's baseUrl. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: URL[];
  stop(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port, answering each request as the test script
 * says: the pollers are tested through the network stack they use live, not through a mock.
 */
export function scriptedServer(reply: (url: URL, index: number) => ScriptedReply | Promise<ScriptedReply>): ScriptedServer {
  const requests: URL[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url);
      requests.push(url);
      const r = await reply(url, requests.length - 1);
      return new Response(r.body, { status: r.status ?? 200, headers: { 'content-type': 'application/json', ...r.headers } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, stop: () => server.stop(true) };
}

/** A recorded payload from fixtures/, as text. */
export const fixtureText = (path: string): string => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

export const fixtureJson = (path: string): unknown => JSON.parse(fixtureText(path));
