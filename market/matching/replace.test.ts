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

test('only working orders outside a group can be replaced, and the replacement must name the old one', () => {
  const book = bookOf([
    ['o1', { qty: '1', side: 'buy', type: 'limit', limit_price: '90' }],
    ['b', { qty: '1', side: 'buy', type: 'limit', limit_price: '90', order_class: 'bracket', take_profit: { limit_price: '100' }, stop_loss: { stop_price: '80' } }],
  ]);
  const body = { qty: '1', side: 'buy', type: 'limit', limit_price: '91' };
  expect(() => replace(book, 'nope', replacementOf('x', body, 'nope', 1), 1)).toThrow('Cannot replace order nope: it is not working in the AAPL book');
  expect(() => replace(book, 'b', replacementOf('x', body, 'b', 1), 1)).toThrow('Cannot replace order b: it belongs to a bracket group');
  expect(() => replace(book, 'b-tp', replacementOf('x', body, 'b-tp', 1), 1)).toThrow('Cannot replace order b-tp: it is not working in the AAPL book');
  expect(() => replace(book, 'o1', replacementOf('x', body, 'o9', 1), 1)).toThrow('Invalid replacement x: it must name o1 in replaces');
});
