import { describe, expect, test } from 'bun:test';
import { IllegalTransition, ORDER_STATUSES, TERMINAL_STATUSES, canTransition, isTerminal, nextStatuses, transition, type OrderStatus } from './lifecycle.ts';
import type { Order } from './order.ts';
import { ordersFrom } from './testing.ts';

const base = ordersFrom('o1', { qty: '10', side: 'buy', type: 'limit', limit_price: '100' }, { at: 1_000 }).order;
const inStatus = (status: OrderStatus): Order => ({ ...base, status });

const LEGAL: readonly [OrderStatus, OrderStatus][] = [
  ['pending_new', 'accepted'],
  ['pending_new', 'new'],
  ['pending_new', 'held'],
  ['pending_new', 'rejected'],
  ['pending_new', 'canceled'],
  ['accepted', 'new'],
  ['accepted', 'held'],
  ['accepted', 'rejected'],
  ['accepted', 'canceled'],
  ['accepted', 'expired'],
  ['accepted', 'pending_cancel'],
  ['accepted', 'pending_replace'],
  ['held', 'new'],
  ['held', 'canceled'],
  ['held', 'expired'],
  ['held', 'pending_replace'],
  ['new', 'partially_filled'],
  ['new', 'filled'],
  ['new', 'canceled'],
  ['new', 'expired'],
  ['new', 'pending_cancel'],
  ['new', 'pending_replace'],
  ['partially_filled', 'partially_filled'],
  ['partially_filled', 'filled'],
  ['partially_filled', 'canceled'],
  ['partially_filled', 'expired'],
  ['partially_filled', 'pending_cancel'],
  ['partially_filled', 'pending_replace'],
  ['pending_cancel', 'canceled'],
  ['pending_cancel', 'filled'],
  ['pending_cancel', 'expired'],
  ['pending_replace', 'replaced'],
  ['pending_replace', 'new'],
  ['pending_replace', 'partially_filled'],
  ['pending_replace', 'filled'],
  ['pending_replace', 'canceled'],
];

describe('the transition table', () => {
  test('allows exactly the listed moves', () => {
    const allowed = ORDER_STATUSES.flatMap((from) => nextStatuses(from).map((to) => [from, to]));
    expect(allowed.sort()).toEqual([...LEGAL].sort());
  });

  test.each(LEGAL)('%s -> %s is legal and stamps updated_at', (from, to) => {
    const moved = transition(inStatus(from), to, 2_000);
    expect(moved.status).toBe(to);
    expect(moved.updated_at).toBe(2_000);
    expect(moved.created_at).toBe(1_000);
  });

  test('terminal statuses are explicit and lead nowhere', () => {
    expect([...TERMINAL_STATUSES]).toEqual(['filled', 'canceled', 'expired', 'rejected', 'replaced']);
    for (const s of ORDER_STATUSES) expect(isTerminal(s)).toBe(nextStatuses(s).length === 0);
  });

  test.each([
    ['filled', 'canceled'],
    ['canceled', 'new'],
    ['rejected', 'accepted'],
    ['expired', 'filled'],
    ['replaced', 'new'],
    ['new', 'accepted'],
    ['new', 'rejected'],
    ['held', 'filled'],
    ['pending_new', 'filled'],
    ['accepted', 'filled'],
    ['pending_cancel', 'new'],
    ['new', 'new'],
  ] as const)('%s -> %s throws IllegalTransition', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(inStatus(from), to, 2_000)).toThrow(new IllegalTransition('o1', from, to));
    expect(() => transition(inStatus(from), to, 2_000)).toThrow(`Invalid order transition for o1: ${from} -> ${to}`);
  });

  test('time may not go backwards', () => {
    expect(() => transition(base, 'accepted', 999)).toThrow('Invalid time for order o1 (pending_new -> accepted): 999 is before its last update 1000');
  });
});

describe("Alpaca's timestamps", () => {
  test('submitted_at is set once, on the first of accepted, new or held', () => {
    const accepted = transition(base, 'accepted', 1_100);
    expect(accepted.submitted_at).toBe(1_100);
    expect(transition(accepted, 'new', 1_200).submitted_at).toBe(1_100);
    expect(transition(base, 'held', 1_300).submitted_at).toBe(1_300);
  });

  test.each([
    ['filled', 'filled_at'],
    ['canceled', 'canceled_at'],
    ['expired', 'expired_at'],
  ] as const)('%s sets %s', (to, field) => {
    const moved = transition(inStatus('new'), to, 5_000);
    expect(moved[field]).toBe(5_000);
  });

  test('rejected sets failed_at, replaced sets replaced_at', () => {
    expect(transition(base, 'rejected', 1_500).failed_at).toBe(1_500);
    expect(transition(inStatus('pending_replace'), 'replaced', 1_600).replaced_at).toBe(1_600);
  });

  test('the input is not changed', () => {
    const before = JSON.stringify(base);
    transition(base, 'new', 3_000);
    expect(JSON.stringify(base)).toBe(before);
  });
});
