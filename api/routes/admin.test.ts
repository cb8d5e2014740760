import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem, address } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { createApp } from '../app.ts';

const KEY = 'an-admin-key-of-32-characters-xx';
let system: ActorSystem;
let instruments: InstrumentRegistry;

beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  instruments = loaded.registry;
  system = await ActorSystem.start({ workers: 2, behaviours: [TESTING_KINDS] });
  system.spawn('team-one', 'a', { size: 2 }); // a supervisor with two counters under it
  system.spawn('counter', 'solo');
  await system.settle();
  // A failing message: a dead letter with its reason, and a restart by the team's supervisor.
  system.tell(address('counter', 'a-0'), { type: 'fail' });
  system.tell(address('counter', 'a-1'), { type: 'inc', by: 5 });
  await system.settle();
});
afterAll(() => system.shutdown());

const appWith = (adminKey?: string) => createApp({ system, instruments, startedAt: 0, version: 'test', log: createLogger('error'), adminKey });

interface Tree {
  actors: { address: string; parent: string; depth: number; worker: number; restarts: number; processed: number; children: string[]; mailbox: { depth: number; capacity: number } }[];
  workers: { index: number; alive: boolean }[];
  deadLetters: { worker: number; to: string; type: string; reason: string }[];
  totals: { deadLetters: number };
}

describe('GET /api/admin/actors', () => {
  test('with the key as a bearer token: the actor tree, parents before children, with mailboxes, restarts and dead letters', async () => {
    const res = await appWith(KEY).request('/api/admin/actors', { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    const tree = (await res.json()) as Tree;
    expect(tree.actors.map((a) => [a.address, a.depth])).toEqual([
      ['counter/solo', 0],
      ['team-one/a', 0],
      ['counter/a-0', 1],
      ['counter/a-1', 1],
    ]);
    const team = tree.actors.find((a) => a.address === 'team-one/a')!;
    expect(team.children.sort()).toEqual(['counter/a-0', 'counter/a-1']);
    expect(tree.actors.find((a) => a.address === 'counter/a-0')!.restarts).toBe(1);
    expect(tree.actors.find((a) => a.address === 'counter/a-1')!.mailbox).toMatchObject({ depth: 0, capacity: expect.any(Number) });
    expect(tree.workers.map((w) => [w.index, w.alive])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(tree.deadLetters).toContainEqual(expect.objectContaining({ to: 'counter/a-0', type: 'fail' }));
    expect(tree.totals.deadLetters).toBeGreaterThanOrEqual(1);
  });

  test('X-API-Key works too', async () => {
    expect((await appWith(KEY).request('/api/admin/actors', { headers: { 'X-API-Key': KEY } })).status).toBe(200);
  });

  test('no key or a wrong one is a 401 problem with a Bearer challenge', async () => {
    const app = appWith(KEY);
    for (const headers of [{} as Record<string, string>, { Authorization: `Bearer ${KEY}x` }, { 'X-API-Key': KEY.slice(0, -1) }, { Authorization: `Basic ${btoa(`admin:${KEY}`)}` }]) {
      const res = await app.request('/api/admin/actors', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tickflow-admin"');
      expect(res.headers.get('content-type')).toStartWith('application/problem+json');
      expect(await res.json()).toMatchObject({ title: 'Unauthorized', status: 401 });
    }
  });

  test('with no admin key configured the route does not exist: 404, whatever is presented', async () => {
    const res = await appWith(undefined).request('/api/admin/actors', { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for GET /api/admin/actors' });
  });
});
