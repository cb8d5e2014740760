import { describe, expect, test } from 'bun:test';
import { Hono } from 'hono';
import { ASSETS_PATH, buildDashboard, type Bundle } from './bundle.ts';
import { DASHBOARD_CSP, IMMUTABLE, REVALIDATE, serveDashboard } from './serve.ts';

const appWith = (bundle: () => Promise<Bundle>) => {
  const app = new Hono();
  serveDashboard(app, { bundle });
  return app;
};

describe('the bundle of web/', async () => {
  const bundle = await buildDashboard();
  const html = new TextDecoder().decode(bundle.index.body);
  const app = appWith(async () => bundle);

  test('the page names its script, style and icon by content-hashed names under /assets/, each of them served', async () => {
    const named = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const local = named.filter((u) => u.startsWith(ASSETS_PATH));
    expect(local.some((u) => u.endsWith('.js'))).toBe(true);
    expect(local.some((u) => u.endsWith('.css'))).toBe(true);
    for (const url of local) {
      expect(url).toMatch(/-[a-z0-9]{8}\.(js|css|svg)$/);
      expect(bundle.assets.has(url)).toBe(true);
    }
    // No CDN: everything the page loads is one of ours (its fragment links aside).
    expect(named.filter((u) => !u.startsWith(ASSETS_PATH) && !u.startsWith('#') && u !== '/docs')).toEqual([]);
  });

  test('the charting library is its production build, and pages are chunks of their own', () => {
    const js = [...bundle.assets].filter(([p]) => p.endsWith('.js'));
    expect(js.length).toBeGreaterThan(3);
    const total = js.reduce((n, [, a]) => n + a.body.byteLength, 0);
    // lightweight-charts alone is ~750 KB in development, ~190 KB in production.
    expect(total).toBeLessThan(450_000);
  });

  test('/ answers the page with its policy, revalidated by ETag (304 when unchanged)', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(REVALIDATE);
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[a-z0-9]+"$/);
    expect(await res.text()).toBe(html);
    const again = await app.request('/', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await app.request('/', { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).toBe(304);
    expect((await app.request('/', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  test('hashed assets are kept for a year, gzipped for clients that take it; an unknown one is a 404 problem', async () => {
    const [path, asset] = [...bundle.assets].find(([p]) => p.endsWith('.js'))!;
    const plain = await app.request(path);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(asset.body);

    const zipped = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(asset.body.byteLength);
    expect(Bun.gunzipSync(bytes)).toEqual(asset.body);

    const missing = await app.request(`${ASSETS_PATH}index-00000000.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(((await missing.json()) as { detail: string }).detail).toContain('reload it');
  });
});

test('a dashboard that cannot be built is a 500 problem on its routes, asked again on the next request', async () => {
  let calls = 0;
  const app = appWith(async () => {
    calls++;
    throw new Error('syntax error in web/main.ts');
  });
  const res = await app.request('/');
  expect(res.status).toBe(500);
  expect(((await res.json()) as { title: string }).title).toBe('Dashboard unavailable');
  await app.request('/assets/x.js');
  expect(calls).toBe(2);
});
