import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import { createApp } from '../app.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema: object }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; securitySchemes: Record<string, object> };
}

let system: ActorSystem;
let app: ReturnType<typeof createApp>;
let doc: Document;
beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  system = await ActorSystem.start({ workers: 1, behaviours: [TESTING_KINDS] });
  app = createApp({ system, instruments: loaded.registry, startedAt: 0, version: '1.2.3', log: createLogger('error') });
  const res = await app.request('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
});
afterAll(() => system.shutdown());

const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

/** Every `$ref` anywhere in a value. */
const refsIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(refsIn)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)))
      : [];

describe('GET /openapi.json', () => {
  test('an OpenAPI 3.1 document of this build', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Tickflow', version: '1.2.3' });
  });

  test('has every API route the app serves, and nothing it does not', () => {
    const served = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL') // ALL: middleware, not a route
      .map((r) => `${r.method.toLowerCase()} ${r.path.replaceAll(/:(\w+)/g, '{$1}')}`);
    expect(operations().map((o) => `${o.method} ${o.path}`).sort()).toEqual([...new Set(served)].sort());
    expect(Object.keys(doc.paths)).toContain('/api/asset/{symbol}/candles');
    expect(Object.keys(doc.paths)).toContain('/api/admin/actors');
  });

  test('each operation: a unique id, a known tag, a summary, a 2xx with a JSON schema, every path parameter declared', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { path, op } of operations()) {
      expect(op.operationId).toBeString();
      expect(tags.has(op.tags![0]!)).toBe(true);
      expect(op.summary).toBeString();
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))!;
      expect(success[1].content!['application/json']!.schema).toBeObject();
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name)).toEqual(inPath);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  test('every error response is a problem details document', () => {
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || op.operationId === 'getHealth') continue; // health's 503 is a Health body
        expect(response.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
      }
    }
  });

  test('every $ref resolves, and nothing uses 3.0-only `nullable`', () => {
    for (const ref of refsIn(doc)) {
      expect(ref).toStartWith('#/components/schemas/');
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)]).toBeObject();
    }
    expect(JSON.stringify(doc)).not.toContain('"nullable"');
    // A nullable named schema is anyOf [$ref, null]: the forming candle may be null.
    const candles = doc.paths['/api/asset/{symbol}/candles']!.get!.responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown> };
    expect(candles.properties.forming).toMatchObject({ anyOf: [{ $ref: '#/components/schemas/Candle' }, { type: 'null' }] });
  });

  test('the admin route names both spellings of the key, and they are defined', () => {
    expect(doc.paths['/api/admin/actors']!.get!.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
  });
});
