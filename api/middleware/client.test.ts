import { expect, test } from 'bun:test';
import { Hono } from 'hono';
import { identify, ipv6Prefix64 } from './client.ts';

test.each([
  ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
  ['2001:0db8:0001:0002:ffff:0:0:9', '2001:db8:1:2::/64'],
  ['2001:DB8::1', '2001:db8:0:0::/64'],
  ['::1', '0:0:0:0::/64'],
  ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
])('the /64 of %s is %s', (ip, prefix) => {
  expect(ipv6Prefix64(ip)).toBe(prefix);
});

/** The client a request is taken for, through a real Bun.serve (the socket address needs one). */
async function clientOf(headers: Record<string, string>, trustProxy: boolean) {
  const app = new Hono().get('/', (c) => c.json(identify(c, { trustProxy, keyId: (k) => (k === 'good' ? 'holder' : undefined) })));
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch });
  try {
    return await (await fetch(server.url, { headers })).json();
  } finally {
    await server.stop(true);
  }
}

test('the socket address, a key holder, and a trusted proxy\'s last entry', async () => {
  expect(await clientOf({}, false)).toEqual({ ip: '127.0.0.1', bucket: 'ip:127.0.0.1' });
  expect(await clientOf({ 'X-API-Key': 'good' }, false)).toEqual({ ip: '127.0.0.1', keyId: 'holder', bucket: 'key:holder' });
  expect(await clientOf({ 'X-API-Key': 'bad' }, false)).toEqual({ ip: '127.0.0.1', bucket: 'ip:127.0.0.1' });
  expect(await clientOf({ 'X-Forwarded-For': '203.0.113.9' }, false)).toEqual({ ip: '127.0.0.1', bucket: 'ip:127.0.0.1' });
  expect(await clientOf({ 'X-Forwarded-For': '1.1.1.1,  203.0.113.9 ' }, true)).toEqual({ ip: '203.0.113.9', bucket: 'ip:203.0.113.9' });
  expect(await clientOf({ 'X-Forwarded-For': '::ffff:203.0.113.9' }, true)).toEqual({ ip: '203.0.113.9', bucket: 'ip:203.0.113.9' });
  expect(await clientOf({ 'X-Forwarded-For': '2001:db8::7' }, true)).toEqual({ ip: '2001:db8::7', bucket: 'ip:2001:db8:0:0::/64' });
});

test('without a socket (app.request() in tests) the address is unknown, not a crash', async () => {
  const app = new Hono().get('/', (c) => c.json(identify(c, { trustProxy: false })));
  expect(await (await app.request('/')).json()).toEqual({ ip: 'unknown', bucket: 'ip:unknown' });
});
