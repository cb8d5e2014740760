import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import { createApp } from '../app.ts';
import { startServer, type RunningServer } from '../server.ts';

let system: ActorSystem;
let server: RunningServer;
beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  system = await ActorSystem.start({ workers: 1, behaviours: [TESTING_KINDS] });
  const app = createApp({ system, instruments: loaded.registry, startedAt: 0, version: '1.2.3', log: createLogger('error'), adminKey: 'k'.repeat(16) });
  server = startServer(app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
  await system.shutdown();
});

const fetchText = async (path: string) => {
  const res = await fetch(new URL(path, server.url));
  return { res, text: await res.text() };
};

describe('GET /docs over HTTP', () => {
  test('an HTML page loading its script and style from this server only, and a policy that refuses any other', async () => {
    const { res, text } = await fetchText('docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(text).toContain('<script src="/docs/docs.js" defer></script>');
    expect(text).toContain('<link rel="stylesheet" href="/docs/docs.css">');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
  });

  test('neither the page, its script nor its style names another host', async () => {
    for (const [path, type] of [
      ['docs', 'text/html'],
      ['docs/docs.js', 'text/javascript'],
      ['docs/docs.css', 'text/css'],
    ] as const) {
      const { res, text } = await fetchText(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toStartWith(type);
      expect(text).not.toMatch(/https?:\/\//);
      expect(text).not.toMatch(/(src|href)\s*=\s*["']\/\//); // protocol-relative
      expect(text).not.toMatch(/@import|url\(/);
    }
  });
});

/** Just enough of a DOM for docs.js: elements with attributes, children, text, values and listeners. */
class FakeElement {
  children: (FakeElement | string)[] = [];
  attrs: Record<string, string> = {};
  listeners: Record<string, (e: { preventDefault(): void }) => unknown> = {};
  hidden = false;
  value = '';
  constructor(readonly tag: string) {}
  setAttribute(k: string, v: string) {
    this.attrs[k] = v;
  }
  append(...nodes: (FakeElement | string)[]) {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: (FakeElement | string)[]) {
    this.children = [...nodes];
  }
  addEventListener(type: string, f: (e: { preventDefault(): void }) => unknown) {
    this.listeners[type] = f;
  }
  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  set textContent(v: string) {
    this.children = [v];
  }
  all(pred: (e: FakeElement) => boolean): FakeElement[] {
    const own = this.children.filter((c): c is FakeElement => typeof c !== 'string');
    return own.flatMap((c) => [...(pred(c) ? [c] : []), ...c.all(pred)]);
  }
}

describe('the docs page script', () => {
  test('lists every operation with its parameters and responses, and its form sends a GET and shows the JSON', async () => {
    const byId = new Map(['version', 'intro', 'operations', 'admin-key'].map((id) => [id, new FakeElement('div')]));
    const document = { createElement: (tag: string) => new FakeElement(tag), getElementById: (id: string) => byId.get(id) };
    const FormData = class {
      constructor(readonly form: FakeElement) {}
      get(name: string) {
        return this.form.all((e) => e.attrs.name === name)[0]?.value ?? null;
      }
    };
    const fetched: string[] = [];
    const serverFetch = (path: string, init?: RequestInit) => {
      fetched.push(path);
      return fetch(new URL(path, server.url), init);
    };
    const code = await Bun.file(new URL('./docs.js', import.meta.url)).text();
    new Function('document', 'fetch', 'FormData', code)(document, serverFetch, FormData);
    const operations = byId.get('operations')!;
    for (let i = 0; i < 200 && operations.children.length === 0; i++) await Bun.sleep(5);

    const spec = (await (await fetch(new URL('openapi.json', server.url))).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    const shown = operations.all((e) => e.tag === 'details');
    // One entry per operation: a path with a GET and a POST is shown twice.
    const operationPaths = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map(() => path));
    expect(shown.map((d) => d.all((e) => e.attrs.class === 'path')[0]!.textContent).sort()).toEqual(operationPaths.sort());
    expect(byId.get('version')!.textContent).toBe('v1.2.3 · OpenAPI 3.1.0');

    const candles = shown.find((d) => d.textContent.includes('/api/asset/{symbol}/candles'))!;
    const text = candles.textContent;
    for (const name of ['symbol', 'tf', 'from', 'to', 'limit']) expect(text).toContain(name);
    expect(text).toContain('candles: {'); // the 200 schema, expanded
    expect(text).toContain('forming: {'); // the nullable candle, expanded from its $ref
    expect(text).toContain('errors?: {'); // the problem shape of the 400

    const search = shown.find((d) => d.textContent.includes('/api/assets/search'))!;
    const form = search.all((e) => e.tag === 'form')[0]!;
    form.all((e) => e.attrs.name === 'q')[0]!.value = 'bitcoin';
    await form.listeners.submit!({ preventDefault() {} });
    expect(fetched.at(-1)).toBe('/api/assets/search?q=bitcoin');
    const output = search.all((e) => e.tag === 'pre').at(-1)!;
    expect(output.hidden).toBe(false);
    expect(output.textContent).toContain('HTTP 200');
    expect(output.textContent).toContain('"symbol": "BTCUSDT"');
  });
});
