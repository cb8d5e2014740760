import { expect, test } from 'bun:test';
import { Glob } from 'bun';
import { dirname, join, relative, resolve } from 'node:path';

const WEB = import.meta.dir;
/** The packages the page may run: its charts and the typed client. */
const PACKAGES = ['lightweight-charts', 'hono/client'];

/**
 * The page runs in a browser: it may import the server's modules for their types (the edge's
 * route types are its client's), but never for code, which would drag server code (and zod, and
 * SQLite) into the bundle or fail there.
 */
test("the dashboard's code imports nothing of the server but types, and only its own packages", async () => {
  const offending: string[] = [];
  for await (const file of new Glob('**/*.ts').scan(WEB)) {
    // Tests and their support run in Bun, not in the page.
    if (file.endsWith('.test.ts') || file.startsWith('testing/')) continue;
    const source = await Bun.file(join(WEB, file)).text();
    for (const m of source.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+'([^']+)';|^\s*import\s+'([^']+)';|import\('([^']+)'\)/gm)) {
      const typeOnly = Boolean(m[1]);
      const spec = (m[2] ?? m[3] ?? m[4])!;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(join(WEB, file)), spec);
        if (relative(WEB, target).startsWith('..') && !typeOnly) offending.push(`${file}: ${spec}`);
      } else if (!typeOnly && !PACKAGES.includes(spec)) offending.push(`${file}: ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});
