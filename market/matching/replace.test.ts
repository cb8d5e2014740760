import { expect, test } from 'bun:test';
import type { Order } from '../orders/order.ts';
import { ordersFrom } from '../orders/testing.ts';
import { replace } from './orders.ts';
import { bookOf, play, story, tick } from './testing.ts';

/** The replacement an account would make for `old`: a new id, `replaces` set, still pending. */
const replacementOf = (id: string, body: Record<string, unknown>, replaces: string, at: number): Order => ({ ...ordersFrom(id, body, { at }).order, replaces });

test('the old order leaves the book replaced and linked; the new one works from the next price', () => {
  const book = play(bookOf([['o1', { qty: '10', side: 'buy', type: 'limit', limit_price: '90' }]]), [tick(1, 95)]).book;
  const next = replacementOf('o2', { qty: '4', side: 'buy', type: 'limit', limit_price: '94' }, 'o1', 2);
  const update = replace(book, 'o1', next, 2);
  expect(story(update.events)).toEqual(['replaced o1 @2', 'new o2 @2']);
  const old = update.events[0]!.order;
  expect(old).toMatchObject({ status: 'replaced', replaced_by: 'o2', replaced_at: 2, updated_at: 2 });
  expect(update.book.working.map((w) => [w.order.id, w.order.status, w.order.replaces])).toEqual([['o2', 'new', 'o1']]);
  // It rests at 95, then 94 reaches the new limit (a maker fill); the old one (90) would not have filled.
  expect(story(play(update.book, [tick(3, 95), tick(4, 94)]).events)).toEqual(['fill o2 4@94 maker fee 0 @4']);
  expect(book.working.map((w) => w.order.status)).toEqual(['new']); // the given book is untouched
});

test('a replacement never fills on a price stamped before it', () => {
  const book = bookOf([['o1', { qty: '1', side: 'buy', type: 'limit', limit_price: '90' }]]);
  const update = replace(book, 'o1', replacementOf('o2', { qty: '1', side: 'buy', type: 'limit', limit_price: '100' }, 'o1', 5), 5);
  expect(story(play(update.book, [tick(4, 95)]).events)).toEqual([]);
  expect(story(play(update.book, [tick(6, 95)]).events)).toEqual(['fill o2 1@95 taker fee 0 @6']);
});

test('only open orders can be replaced, in their place in their group, and the replacement must name the old one', () => {
  const book = bookOf([
    ['o1', { qty: '1', side: 'buy', type: 'limit', limit_price: '90' }],
    ['b', { qty: '1', side: 'buy', type: 'limit', limit_price: '90', order_class: 'bracket', take_profit: { limit_price: '100' }, stop_loss: { stop_price: '80' } }],
  ]);
  const body = { qty: '1', side: 'buy', type: 'limit', limit_price: '91' };
  expect(() => replace(book, 'nope', replacementOf('x', body, 'nope', 1), 1)).toThrow('Cannot replace order nope: it is not open in the AAPL book');
  expect(() => replace(book, 'b', replacementOf('x', body, 'b', 1), 1)).toThrow("Invalid replacement x: it must take b's place in its bracket group");
  expect(() => replace(book, 'o1', replacementOf('x', body, 'o9', 1), 1)).toThrow('Invalid replacement x: it must name o1 in replaces');
});

/** A bracket order's member replaced by one of the same class and links, as the account makes it. */
const memberOf = (old: Order, id: string, patch: Partial<Order>, at: number): Order => ({ ...old, ...patch, id, client_order_id: id, status: 'pending_new', replaces: old.id, created_at: at, updated_at: at, submitted_at: null });

test('a held stop-loss leg is replaced held, in its place: the entry names the new leg, and the pair still works as one', () => {
  const book = bookOf([['b', { qty: '10', side: 'buy', type: 'limit', limit_price: '100', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '95' } }]]);
  const sl = book.working.find((w) => w.order.id === 'b-sl')!.order;
  const update = replace(book, 'b-sl', memberOf(sl, 'b-sl2', { stop_price: 97 }, 2), 2);
  expect(story(update.events)).toEqual(['replaced b-sl @2']);
  expect(update.book.working.map((w) => [w.order.id, w.order.status, w.order.parent_id, w.order.leg_ids])).toEqual([
    ['b', 'new', null, ['b-tp', 'b-sl2']],
    ['b-tp', 'held', 'b', null],
    ['b-sl2', 'held', 'b', null],
  ]);
  // The entry fills, both exits go to work; the new stop (97) fires where the old one (95) would not have.
  expect(story(play(update.book, [tick(3, 100), tick(4, 96)]).events)).toEqual([
    'fill b 10@100 taker fee 0 @3',
    'new b-tp @3',
    'new b-sl2 @3',
    'triggered b-sl2 at 96 @4',
    'fill b-sl2 10@96 taker fee 0 @4',
    'canceled b-tp oco_sibling_filled @4',
  ]);
});

test('a working take-profit leg is replaced working; a replaced OCO parent takes its stop leg along', () => {
  const filled = play(bookOf([['b', { qty: '10', side: 'buy', type: 'market', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '95' } }]]), [tick(1, 100)]).book;
  const tp = filled.working.find((w) => w.order.id === 'b-tp')!.order;
  const moved = replace(filled, 'b-tp', memberOf(tp, 'b-tp2', { limit_price: 105 }, 2), 2);
  expect(story(moved.events)).toEqual(['replaced b-tp @2', 'new b-tp2 @2']);
  expect(story(play(moved.book, [tick(3, 105)]).events)).toEqual(['fill b-tp2 10@105 taker fee 0 @3', 'canceled b-sl oco_sibling_filled @3']);

  const oco = bookOf([['o', { qty: '5', side: 'sell', type: 'limit', order_class: 'oco', take_profit: { limit_price: '120' }, stop_loss: { stop_price: '90' } }]]);
  const parent = oco.working[0]!.order;
  const update = replace(oco, 'o', memberOf(parent, 'o2', { limit_price: 115 }, 2), 2);
  expect(update.book.working.map((w) => [w.order.id, w.order.status, w.order.parent_id, w.order.leg_ids])).toEqual([
    ['o-sl', 'new', 'o2', null],
    ['o2', 'new', null, ['o-sl']],
  ]);
  expect(story(play(update.book, [tick(3, 116)]).events)).toEqual(['fill o2 5@116 taker fee 0 @3', 'canceled o-sl oco_sibling_filled @3']);
});
