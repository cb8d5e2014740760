import { afterEach, describe, expect, test } from 'bun:test';
import type { ActorSystem } from '../system.ts';
import { address, type Address } from '../names.ts';
import { startTestSystem, waitFor, type EngineEvent } from '../testing/harness.ts';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

const count = async (s: ActorSystem, a: Address) => (await s.ask<{ count: number }>(a, { type: 'get' })).count;
const restartsOf = async (s: ActorSystem, a: Address) =>
  (await s.introspect()).workers.flatMap((w) => w.actors).find((x) => x.address === a)?.restarts;

/** Spawns a team, gives member i a count of 10 * (i + 1), and returns the members. */
async function teamOf(s: ActorSystem, kind: string, id: string): Promise<Address[]> {
  const team = s.spawn(kind, id, { size: 3 });
  const members = await s.ask<Address[]>(team, { type: 'members' });
  members.forEach((m, i) => s.tell(m, { type: 'inc', by: 10 * (i + 1) }));
  for (const m of members) await count(s, m);
  return members;
}

describe('supervision on real workers', () => {
  test('an actor that throws is restarted with its restored state, and the decision is an event', async () => {
    const t = await startTestSystem();
    system = t.system;
    const c = system.spawn('counter', 'c1');
    system.tell(c, { type: 'inc', by: 5 });
    system.tell(c, { type: 'fail' });
    system.tell(c, { type: 'inc', by: 1 });
    expect(await count(system, c)).toBe(6);
    expect(await restartsOf(system, c)).toBe(1);
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'supervision', supervisor: 'system/root', child: c, decision: 'restart' }));
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'actor-restarted', address: c, from: 'snapshot' }));
  });

  test('one_for_all restarts every sibling, each from its own snapshot', async () => {
    const t = await startTestSystem({ workers: 3 });
    system = t.system;
    const [m0, m1, m2] = await teamOf(system, 'team-all', 'all');
    system.tell(m1!, { type: 'fail' });
    await waitFor('three restarts', () => t.events.filter((e) => e.type === 'actor-restarted').length === 3);
    expect([await count(system, m0!), await count(system, m1!), await count(system, m2!)]).toEqual([10, 20, 30]);
    for (const m of [m0, m1, m2]) expect(await restartsOf(system, m!)).toBe(1);
  });

  test('rest_for_one restarts the failed child and the ones started after it', async () => {
    const t = await startTestSystem({ workers: 3 });
    system = t.system;
    const [m0, m1, m2] = await teamOf(system, 'team-rest', 'rest');
    system.tell(m1!, { type: 'fail' });
    await waitFor('two restarts', () => t.events.filter((e) => e.type === 'actor-restarted').length === 2);
    await system.settle();
    expect([await restartsOf(system, m0!), await restartsOf(system, m1!), await restartsOf(system, m2!)]).toEqual([0, 1, 1]);
    expect(await count(system, m2!)).toBe(30);
  });

  test('one_for_one leaves the siblings alone', async () => {
    const t = await startTestSystem({ workers: 3 });
    system = t.system;
    const [m0, m1, m2] = await teamOf(system, 'team-one', 'one');
    system.tell(m2!, { type: 'fail' });
    await waitFor('one restart', () => t.events.some((e) => e.type === 'actor-restarted'));
    await system.settle();
    expect([await restartsOf(system, m0!), await restartsOf(system, m1!), await restartsOf(system, m2!)]).toEqual([0, 0, 1]);
  });

  test('restart intensity exceeded: the supervisor escalates to its parent, which restarts it', async () => {
    const t = await startTestSystem({ workers: 2 });
    system = t.system;
    const team = address('team-one', 'hot');
    const [m0] = await teamOf(system, 'team-one', 'hot');
    // team kinds allow 3 restarts within 1 s; the 4th failure escalates.
    for (let i = 0; i < 4; i++) {
      system.tell(m0!, { type: 'fail' });
      await waitFor(`failure ${i + 1} handled`, () => t.events.filter((e) => e.type === 'supervision' && e['child'] === m0).length === i + 1);
    }
    const escalation = t.events.find((e) => e.type === 'supervision' && e['decision'] === 'escalate') as EngineEvent;
    expect(escalation).toMatchObject({ supervisor: team, child: m0 });
    expect(String(escalation['reason'])).toContain('restart intensity exceeded');
    await waitFor('the root restarts the team', () =>
      t.events.some((e) => e.type === 'supervision' && e['supervisor'] === 'system/root' && e['child'] === team && e['decision'] === 'restart'),
    );
    // The restarted team re-spawns fresh members.
    await waitFor('members answer again', async () => (await system!.ask<Address[]>(team, { type: 'members' })).length === 3);
    expect(await restartsOf(system, team)).toBe(1);
  });
});
