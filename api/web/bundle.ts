import { basename } from 'node:path';

/** One file of the dashboard, ready to serve: bytes, their gzip, type and validator. */
export interface Asset {
  readonly body: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped; null when that would not be smaller (an icon). */
  readonly gzip: Uint8Array<ArrayBuffer> | null;
  readonly type: string;
  /** A strong validator: the content's hash. */
  readonly etag: string;
}

export interface Bundle {
  /** The page itself, served at `/` under a name that never changes, so it is revalidated. */
  readonly index: Asset;
  /** Scripts, styles, icons and source maps by their path (`/assets/index-3kq9x2ab.js`): content-hashed, so kept for a year. */
  readonly assets: ReadonlyMap<string, Asset>;
}

/** Where the page's scripts and styles are served from; their names carry their hash. */
export const ASSETS_PATH = '/assets/';

const ENTRY = new URL('../../web/index.html', import.meta.url).pathname;

export class BundleError extends Error {
  override readonly name = 'BundleError';
}

const etagOf = (bytes: Uint8Array) => `"${Bun.hash(bytes).toString(36)}"`;

function assetOf(bytes: Uint8Array<ArrayBuffer>, type: string): Asset {
  const zipped = Bun.gzipSync(bytes, { level: 9 });
  return { body: bytes, gzip: zipped.byteLength < bytes.byteLength * 0.9 ? zipped : null, type, etag: etagOf(bytes) };
}

/**
 * Bundles `web/` with Bun.build, in memory: the HTML entry's scripts and styles become
 * content-hashed files under /assets/ and the page is rewritten to name them. It takes a few
 * tens of milliseconds, so it runs when the server first serves the page instead of in an
 * install or build step: a fresh clone serves its dashboard with nothing to run first, and
 * nothing built is ever committed or stale.
 */
export async function buildDashboard(entry = ENTRY): Promise<Bundle> {
  const result = await Bun.build({
    entrypoints: [entry],
    target: 'browser',
    minify: true,
    sourcemap: 'linked',
    // Each page is its own chunk: the markets page does not wait for the charting library.
    splitting: true,
    publicPath: ASSETS_PATH,
    naming: { entry: '[name]-[hash].[ext]', chunk: '[name]-[hash].[ext]', asset: '[name]-[hash].[ext]' },
    // lightweight-charts picks its production build by export condition; libraries read NODE_ENV.
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    throw: false,
  });
  if (!result.success) throw new BundleError(`the dashboard did not build: ${result.logs.map((l) => String(l)).join('; ')}`);
  let index: Asset | undefined;
  const assets = new Map<string, Asset>();
  for (const output of result.outputs) {
    const bytes = new Uint8Array(await output.arrayBuffer());
    const type = output.type.replace(/;charset=/, '; charset=');
    if (output.kind === 'entry-point' && type.startsWith('text/html')) index = assetOf(bytes, type);
    else assets.set(ASSETS_PATH + basename(output.path), assetOf(bytes, type));
  }
  if (!index) throw new BundleError(`the dashboard built no page from ${entry}`);
  return { index, assets };
}
