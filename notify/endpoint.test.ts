import { afterEach, describe, expect, test } from 'bun:test';
import { SimClock } from '../engine/clock/index.ts';
import { seededRandom } from '../engine/random.ts';
import { waitFor } from '../engine/testing/harness.ts';
import { webhooksSchema, type WebhookInput } from './config.ts';
import { retryAfterOf, WebhookEndpoint, type EndpointStats } from './endpoint.ts';
import { webhookServer, type WebhookReply, type WebhookServer } from './testing/webhook-server.ts';

let server: WebhookServer | null = null;
let endpoint: WebhookEndpoint | null = null;
afterEach(async () => {
  endpoint?.stop();
  await server?.stop();
  server = null;
  endpoint = null;
});

const T0 = Date.UTC(2021, 3, 14);

/** An endpoint on a simulated clock against a real local server: time moves only when the test says. */
function start(reply: (index: number) => WebhookReply, config: Partial<WebhookInput> = {}) {
  server = webhookServer((_r, i) => reply(i));
  const clock = new SimClock(T0);
  const [webhook] = webhooksSchema.parse([{ name: 'ops', url: `${server.url}/api/webhooks/123/secret-token`, rate: { perSecond: 100, burst: 100 }, backoff: { baseMs: 1_000, maxMs: 8_000 }, ...config }]);
  endpoint = new WebhookEndpoint(webhook!, { clock, post: fetch, random: seededRandom(1) });
  const settled = async (what: string, check: (s: EndpointStats) => boolean): Promise<EndpointStats> =>
    (await waitFor(what, () => {
      const s = endpoint!.stats();
      return check(s) ? s : null;
    }))!;
  return { server, clock, endpoint, settled };
}
const body = (n: number) => JSON.stringify({ content: `message ${n}` });

describe('WebhookEndpoint', () => {
  test('delivers in order, one at a time, and goes idle', async () => {
    const { server, endpoint, settled } = start(() => ({ status: 204 }));
    for (let n = 1; n <= 5; n++) endpoint.offer('fill', body(n));
    const s = await settled('five sent', (s) => s.sent === 5);
    expect(s).toMatchObject({ state: 'idle', pending: 0, failed: 0, dropped: 0, retries: 0, lastStatus: 204, host: server.url.slice(7) });
    expect(server.requests.map((r) => (r.body as { content: string }).content)).toEqual([1, 2, 3, 4, 5].map((n) => `message ${n}`));
    expect(server.requests[0]!.path).toBe('/api/webhooks/123/secret-token');
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  test('a 500 is retried with exponential backoff and jitter; the message goes through once the endpoint recovers', async () => {
    const { server, clock, endpoint, settled } = start((i) => (i < 3 ? { status: 500, body: '{"message":"oops"}' } : { status: 204 }));
    endpoint.offer('fill', body(1));
    for (let failure = 1; failure <= 3; failure++) {
      const s = await settled(`failure ${failure}`, (s) => s.state === 'backing-off' && s.retries === failure);
      const wait = s.nextAttemptAt! - clock.now();
      // Equal jitter: between half and all of base · 2^(n−1).
      const ceiling = 1_000 * 2 ** (failure - 1);
      expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
      expect(wait).toBeLessThanOrEqual(ceiling);
      expect(s.lastError).toBe('HTTP 500');
      expect(server.requests).toHaveLength(failure);
      clock.advanceTo(s.nextAttemptAt! - 1);
      expect(server.requests).toHaveLength(failure); // not a millisecond early
      clock.advanceTo(s.nextAttemptAt!);
    }
    expect(await settled('delivered', (s) => s.sent === 1)).toMatchObject({ state: 'idle', retries: 3, failed: 0, lastStatus: 204 });
    expect(server.requests).toHaveLength(4);
  });

  test("a 429 waits exactly Discord's retry_after (seconds, in the body), or Retry-After", async () => {
    const { server, clock, endpoint, settled } = start((i) =>
      i === 0
        ? { status: 429, body: '{"message":"You are being rate limited.","retry_after":1.5,"global":false}' }
        : i === 1
          ? { status: 429, body: 'slow down', headers: { 'retry-after': '7' } }
          : { status: 204 },
    );
    endpoint.offer('signal', body(1));
    let s = await settled('the first 429', (s) => s.rateLimited === 1 && s.state === 'backing-off');
    expect(s.nextAttemptAt! - clock.now()).toBe(1_500);
    clock.advanceTo(s.nextAttemptAt!);
    s = await settled('the second 429', (s) => s.rateLimited === 2 && s.state === 'backing-off');
    expect(s.nextAttemptAt! - clock.now()).toBe(7_000);
    clock.advanceTo(s.nextAttemptAt!);
    expect(await settled('delivered', (s) => s.sent === 1)).toMatchObject({ rateLimited: 2, retries: 2, lastStatus: 204 });
    expect(server.requests).toHaveLength(3);
  });

  test('a 4xx that will not fix itself is given up at once; maxAttempts failures are given up too; the next message goes on', async () => {
    const { server, clock, endpoint, settled } = start((i) => (i === 0 ? { status: 404, body: '{"message":"Unknown Webhook"}' } : i <= 2 ? { status: 503 } : { status: 204 }), { maxAttempts: 2 });
    endpoint.offer('fill', body(1));
    endpoint.offer('fill', body(2));
    endpoint.offer('fill', body(3));
    const s = await settled('the 404 given up, the 503 retried', (s) => s.failed === 1 && s.state === 'backing-off');
    clock.advanceTo(s.nextAttemptAt!);
    expect(await settled('two given up, one sent', (s) => s.sent === 1)).toMatchObject({ failed: 2, retries: 1, pending: 0 });
    expect(server.requests.map((r) => (r.body as { content: string }).content)).toEqual(['message 1', 'message 2', 'message 2', 'message 3']);
  });

  test('the rate limit: a burst goes at once, the next waits for its token', async () => {
    const { server, clock, endpoint, settled } = start(() => ({ status: 204 }), { rate: { perSecond: 2, burst: 3 } });
    for (let n = 1; n <= 5; n++) endpoint.offer('fill', body(n));
    let s = await settled('the burst', (s) => s.sent === 3 && s.state === 'waiting');
    expect(s.nextAttemptAt! - clock.now()).toBe(500); // one token at 2 per second
    expect(server.requests).toHaveLength(3);
    clock.advanceTo(s.nextAttemptAt!);
    s = await settled('the fourth', (s) => s.sent === 4 && s.state === 'waiting');
    clock.advanceTo(s.nextAttemptAt!);
    expect(await settled('all', (s) => s.sent === 5)).toMatchObject({ state: 'idle' });
  });

  test('a slow endpoint: the request is abandoned after timeoutMs and retried; meanwhile the queue drops its oldest, and offer never waits', async () => {
    let release = () => {};
    const stuck = new Promise<void>((r) => (release = r));
    const { server, clock, endpoint, settled } = start((i) => (i === 0 ? { hold: stuck } : { status: 204 }), { queue: 3, timeoutMs: 5_000 });
    endpoint.offer('fill', body(1));
    await waitFor('the first request out', () => server.requests.length === 1);
    for (let n = 2; n <= 6; n++) endpoint.offer('fill', body(n)); // returns at once, whatever the endpoint does
    expect(endpoint.stats()).toMatchObject({ state: 'sending', pending: 3, dropped: 3 });
    clock.advanceTo(T0 + 5_000);
    const s = await settled('the timeout', (s) => s.state === 'backing-off');
    expect(s.lastError).toBe('no answer within 5000 ms');
    release();
    clock.advanceTo(s.nextAttemptAt!);
    expect(await settled('the rest', (s) => s.sent === 3)).toMatchObject({ pending: 0, dropped: 3, retries: 1 });
    // Message 1 again, then the two newest: 2, 3 and 4 were pushed out.
    expect(server.requests.slice(1).map((r) => (r.body as { content: string }).content)).toEqual(['message 1', 'message 5', 'message 6']);
  });

  test('an endpoint that cannot be reached: errors are counted and never show the URL', async () => {
    const { clock, endpoint: e } = start(() => ({ status: 204 }), { maxAttempts: 2 });
    await server!.stop(); // nothing listens there any more
    e.offer('fill', body(1));
    const s = (await waitFor('a network failure', () => (e.stats().state === 'backing-off' ? e.stats() : null)))!;
    expect(s.lastError).not.toContain('secret-token');
    clock.advanceTo(s.nextAttemptAt!);
    expect(await waitFor('given up', () => (e.stats().failed === 1 ? e.stats() : null))).toMatchObject({ state: 'idle', sent: 0 });
    expect(JSON.stringify(e.stats())).not.toContain('secret-token');
  });

  test('stop() aborts what is in flight and cancels the retry', async () => {
    const { clock, endpoint, settled } = start(() => ({ status: 500 }));
    endpoint.offer('fill', body(1));
    await settled('backing off', (s) => s.state === 'backing-off');
    endpoint.stop();
    clock.advanceBy(60_000);
    expect(endpoint.stats()).toMatchObject({ state: 'stopped', nextAttemptAt: null });
    endpoint.offer('fill', body(2));
    expect(endpoint.stats().pending).toBe(1); // the held one, let go with the endpoint
  });
});

describe('retryAfterOf', () => {
  test('body retry_after in seconds first, then Retry-After (seconds or a date), then X-RateLimit-Reset-After; capped at an hour', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(retryAfterOf(h({ 'retry-after': '9' }), '{"retry_after":0.25}', 0)).toBe(250);
    expect(retryAfterOf(h({ 'retry-after': '9' }), 'busy', 0)).toBe(9_000);
    expect(retryAfterOf(h({ 'retry-after': 'Wed, 14 Apr 2021 00:00:10 GMT' }), '', T0)).toBe(10_000);
    expect(retryAfterOf(h({ 'x-ratelimit-reset-after': '0.4' }), '{}', 0)).toBe(400);
    expect(retryAfterOf(h({}), '{"retry_after":999999}', 0)).toBe(3_600_000);
    expect(retryAfterOf(h({}), '', 0)).toBeNull();
  });
});
