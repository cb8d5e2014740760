import { describe, expect, test } from 'bun:test';
import { address } from '../names.ts';
import { decide, DEFAULT_SUPERVISOR, type SupervisorSpec } from './supervisor.ts';

const [a, b, c] = ['a', 'b', 'c'].map((id) => address('counter', id)) as [ReturnType<typeof address>, ReturnType<typeof address>, ReturnType<typeof address>];
const kids = [a, b, c];
const spec = (strategy: SupervisorSpec['strategy']): SupervisorSpec => ({ strategy, maxRestarts: 2, withinMs: 1_000 });

describe('decide', () => {
  test('one_for_one restarts only the failed child', () => {
    expect(decide(spec('one_for_one'), [], kids, b, 'restart', 0)).toMatchObject({ kind: 'apply', targets: [b] });
  });

  test('one_for_all restarts every child', () => {
    expect(decide(spec('one_for_all'), [], kids, b, 'restart', 0)).toMatchObject({ targets: [a, b, c] });
  });

  test('rest_for_one restarts the failed child and those started after it', () => {
    expect(decide(spec('rest_for_one'), [], kids, b, 'restart', 0)).toMatchObject({ targets: [b, c] });
  });

  test('intensity: the restart beyond maxRestarts within the window escalates', () => {
    const history: number[] = [];
    expect(decide(spec('one_for_one'), history, kids, a, 'restart', 0).kind).toBe('apply');
    expect(decide(spec('one_for_one'), history, kids, a, 'restart', 500).kind).toBe('apply');
    const third = decide(spec('one_for_one'), history, kids, a, 'restart', 900);
    expect(third).toMatchObject({ kind: 'escalate' });
    expect(third.reason).toContain('restart intensity exceeded: 3 restarts within 1000 ms');
  });

  test('intensity is a sliding window on the injected clock', () => {
    const history: number[] = [];
    decide(spec('one_for_one'), history, kids, a, 'restart', 0);
    decide(spec('one_for_one'), history, kids, a, 'restart', 500);
    expect(decide(spec('one_for_one'), history, kids, a, 'restart', 1_200).kind).toBe('apply');
  });

  test('resume and stop apply to the failed child only and do not count as restarts', () => {
    const history: number[] = [];
    expect(decide(spec('one_for_all'), history, kids, a, 'resume', 0)).toMatchObject({ directive: 'resume', targets: [a] });
    expect(decide(spec('one_for_all'), history, kids, a, 'stop', 0)).toMatchObject({ directive: 'stop', targets: [a] });
    expect(history).toEqual([]);
  });

  test('escalate is passed up', () => {
    expect(decide(DEFAULT_SUPERVISOR, [], kids, a, 'escalate', 0).kind).toBe('escalate');
  });
});
