import type { Context, Hono } from 'hono';
import type { Logger } from '../../log/logger.ts';
import { problem } from '../problem.ts';
import { ASSETS_PATH, buildDashboard, type Asset, type Bundle } from './bundle.ts';

/**
 * Everything the dashboard loads comes from this server (no CDN), and the browser is told to
 * refuse anything else. `connect-src 'self'` covers the WebSockets of the same host too (CSP 3).
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Hashed names never change content: a year, and no revalidation. The page itself is revalidated every time (its ETag makes that a 304). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export interface DashboardDeps {
  log?: Logger;
  /** The bundle to serve; default: web/ built once per process, on the first request for it. */
  bundle?: () => Promise<Bundle>;
}

let built: Promise<Bundle> | null = null;

/** One build per process, shared by every app (tests make many); a failed one is tried again on the next request. */
function sharedBundle(): Promise<Bundle> {
  built ??= buildDashboard().catch((e: unknown) => {
    built = null;
    throw e;
  });
  return built;
}

/** Whether the client's `If-None-Match` names this ETag (a list, `*`, or weak forms of it). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function send(c: Context, asset: Asset, cacheControl: string, extra: Record<string, string> = {}): Response {
  c.header('Vary', 'Accept-Encoding', { append: true });
  const headers: Record<string, string> = { 'Cache-Control': cacheControl, ETag: asset.etag, ...extra };
  if (matches(c.req.header('if-none-match'), asset.etag)) return c.body(null, 304, headers);
  const gzip = asset.gzip !== null && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  return c.body(gzip ? asset.gzip! : asset.body, 200, { ...headers, 'Content-Type': asset.type, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
}

/**
 * `GET /`: the dashboard (web/), and `GET /assets/*`: its scripts, styles and icon. The page
 * routes by its URL's fragment (`/#/symbol/BTCUSDT`), so no other path is the server's concern.
 */
export function serveDashboard(app: Hono, deps: DashboardDeps = {}): void {
  const bundle = deps.bundle ?? sharedBundle;
  const load = async (c: Context): Promise<Bundle | Response> => {
    try {
      return await bundle();
    } catch (e) {
      deps.log?.error('dashboard build failed', { error: String(e) });
      return problem(c, 500, 'Dashboard unavailable', 'The dashboard could not be built; the error has been logged.');
    }
  };
  app.get('/', async (c) => {
    const b = await load(c);
    if (b instanceof Response) return b;
    return send(c, b.index, REVALIDATE, { 'Content-Security-Policy': DASHBOARD_CSP });
  });
  app.get(`${ASSETS_PATH}:file`, async (c) => {
    const b = await load(c);
    if (b instanceof Response) return b;
    const asset = b.assets.get(c.req.path);
    if (!asset) return problem(c, 404, 'Not Found', `No dashboard asset ${c.req.path}; the page names its assets, reload it`);
    return send(c, asset, IMMUTABLE);
  });
}
