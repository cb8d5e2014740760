import type { Hono } from 'hono';

const ASSETS = {
  '/docs': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/docs/docs.js': { file: 'docs.js', type: 'text/javascript; charset=utf-8' },
  '/docs/docs.css': { file: 'docs.css', type: 'text/css; charset=utf-8' },
} as const;

/**
 * Everything the page loads comes from this server, and the browser is told to refuse anything
 * else: the docs work offline and cannot be turned against their reader by a third party.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `GET /docs`: the interactive API page (api/docs/), read on first request and kept. */
export function serveDocs(app: Hono): void {
  const cache = new Map<string, string>();
  for (const [path, asset] of Object.entries(ASSETS)) {
    app.get(path, async (c) => {
      let body = cache.get(path);
      if (body === undefined) cache.set(path, (body = await Bun.file(new URL(`./${asset.file}`, import.meta.url)).text()));
      return c.body(body, 200, { 'Content-Type': asset.type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' });
    });
  }
}
