import { describe, expect, test } from 'bun:test';
import { ordersFrom } from '../orders/testing.ts';
import { emptyBook } from './book.ts';
import { match } from './match.ts';
import { cancel, expireDue, submit } from './orders.ts';
import { bar, bookOf, config, fills, MINUTE, play, story, tick } from './testing.ts';

const END = 10 * MINUTE; // the session end the account passes for day orders
const day = (body: Record<string, unknown>) => [body.id as string, { time_in_force: 'day', ...body }, { sessionEnd: END }] as [string, Record<string, unknown>, { sessionEnd: number }];

describe('day orders', () => {
  test('expire at the session end, before any later price can fill them; gtc orders stay', () => {
    const book = bookOf([day({ id: 'd', qty: '1', side: 'buy', type: 'limit', limit_price: '100' }), ['g', { qty: '1', side: 'buy', type: 'limit', limit_price: '100' }]]);
    const { book: after, events } = play(book, [tick(END - 1, 101), tick(END + 5, 99)]);
    expect(story(events)).toEqual([`expired d @${END}`, 'fill g 1@100 maker fee 0 @600005']);
    expect(after.working).toEqual([]);
    expect(events[0]?.order.expired_at).toBe(END);
  });

  test('expire with no price at all when the account says the session ended', () => {
    const book = bookOf([day({ id: 'd', qty: '1', side: 'buy', type: 'market' })]);
    expect(story(expireDue(book, END - 1).events)).toEqual([]);
    const { book: after, events } = expireDue(book, END + 60_000);
    expect(story(events)).toEqual([`expired d @${END}`]);
    expect(after.working).toEqual([]);
  });

  test("a bar's points after the session end no longer reach a day order", () => {
    const book = bookOf([day({ id: 'd', qty: '1', side: 'buy', type: 'limit', limit_price: '95' })]);
    // Bar 9 runs 9:00 → 9:59.999, inside the session; its low comes at +40 s.
    expect(fills(play(book, [bar(9, 100, 101, 94, 96)]).events)).toEqual([`fill d 1@95 maker fee 0 @${9 * MINUTE + 40_000}`]);
    expect(fills(play(book, [bar(10, 100, 101, 94, 96)]).events)).toEqual([`expired d @${END}`]);
  });

  test("a day bracket's held exits expire with an unfilled entry; a part-filled entry hands its exits the fill, and they expire too", () => {
    const body = { qty: '10', side: 'buy', type: 'limit', limit_price: '100', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } };
    expect(story(expireDue(bookOf([day({ id: 'b', ...body })]), END).events)).toEqual([`expired b @${END}`, `canceled b-tp parent_expired @${END}`, `canceled b-sl parent_expired @${END}`]);
    const part = play(bookOf([day({ id: 'b', ...body })]), [tick(1, 99.5, 8)], config({ participation: 0.5 })).book;
    expect(story(expireDue(part, END).events)).toEqual([`expired b @${END}`, `new b-tp @${END}`, `new b-sl @${END}`, `expired b-tp @${END}`, `expired b-sl @${END}`]);
  });
});

describe('a pure, deterministic book', () => {
  const events = [tick(1, 101), bar(1, 101, 103, 98, 99), tick(2 * MINUTE, 97, 3), bar(3, 97, 99, 94, 95)];
  const cfg = config({ participation: 0.5, slippage: { kind: 'volume_share', bps: 15 }, fees: { makerBps: 1, takerBps: 4 } });
  const book = bookOf([
    ['a', { qty: '7', side: 'buy', type: 'limit', limit_price: '99' }],
    ['b', { qty: '3', side: 'sell', type: 'trailing_stop', trail_percent: '2' }],
    ['c', { qty: '5', side: 'buy', type: 'market', order_class: 'bracket', take_profit: { limit_price: '103' }, stop_loss: { stop_price: '96' } }],
  ]);

  test('matching changes neither the book nor the event it is given', () => {
    const before = JSON.stringify([book, events]);
    play(book, events, cfg);
    expect(JSON.stringify([book, events])).toBe(before);
  });

  test('the same inputs give the same outputs, and a JSON round trip of the book changes nothing', () => {
    const whole = play(book, events, cfg);
    expect(JSON.stringify(play(book, events, cfg))).toBe(JSON.stringify(whole));
    const half = play(book, events.slice(0, 2), cfg);
    const restored = JSON.parse(JSON.stringify(half.book));
    const rest = play(restored, events.slice(2), cfg);
    expect(JSON.stringify([...half.events, ...rest.events])).toBe(JSON.stringify(whole.events));
    expect(rest.book).toEqual(whole.book);
  });

  test('time may not run backwards', () => {
    const later = match(book, tick(5_000, 100)).book;
    expect(() => match(later, tick(4_999, 100))).toThrow('Invalid market event for AAPL: time 4999 is before the last one matched, 5000');
  });

  test('orders are checked against the book they enter and leave', () => {
    const entered = submit(emptyBook('AAPL'), ordersFrom('x', { qty: '1', side: 'buy', type: 'market' }), 0).book;
    expect(() => submit(entered, ordersFrom('x', { qty: '1', side: 'buy', type: 'market' }), 0)).toThrow('Invalid order x: already in the AAPL book');
    expect(() => submit(emptyBook('MSFT'), ordersFrom('y', { qty: '1', side: 'buy', type: 'market' }), 0)).toThrow('Invalid order y: symbol AAPL in the MSFT book');
    expect(() => cancel(entered, 'nope', 1)).toThrow('Cannot cancel order nope: it is not open in the AAPL book');
  });
});
