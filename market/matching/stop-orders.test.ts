import { describe, expect, test } from 'bun:test';
import { emptyBook } from './book.ts';
import { match } from './match.ts';
import { bar, bookOf, config, fills, MINUTE, play, tick } from './testing.ts';

describe('stop orders', () => {
  test('a buy stop fires on the first print at or above it and fills there as a market order', () => {
    const book = bookOf([['s', { qty: '10', side: 'buy', type: 'stop', stop_price: '105' }]]);
    expect(fills(play(book, [tick(1, 103), tick(2, 104.99), tick(3, 106), tick(4, 104)]).events)).toEqual(['triggered s at 106 @3', 'fill s 10@106 taker fee 0 @3']);
  });

  test('a sell stop that the market gaps through fills at the gap price, with slippage', () => {
    const book = bookOf([['s', { qty: '10', side: 'sell', type: 'stop', stop_price: '95' }]]);
    const cfg = config({ slippage: { kind: 'fixed_bps', bps: 10 } });
    expect(fills(play(book, [tick(1, 100), tick(2, 90)], cfg).events)).toEqual(['triggered s at 90 @2', 'fill s 10@89.91 taker fee 0 @2']);
  });

  test('inside a bar a stop fires at its level, where the continuous path crosses it', () => {
    const book = bookOf([['s', { qty: '10', side: 'sell', type: 'stop', stop_price: '95' }]]);
    // O 100 is nearer the high: 100 → 101 → 90 → 92; the stop is crossed between the high and the low.
    expect(fills(play(book, [bar(0, 100, 101, 90, 92)]).events)).toEqual([`triggered s at 95 @40000`, 'fill s 10@95 taker fee 0 @40000']);
  });

  test('a stop_limit becomes a limit when it fires: it rests if the market ran past its limit', () => {
    const book = bookOf([['sl', { qty: '10', side: 'buy', type: 'stop_limit', stop_price: '105', limit_price: '106' }]]);
    expect(fills(play(book, [tick(1, 104), tick(2, 107), tick(3, 106.5), tick(4, 105.5)]).events)).toEqual([
      'triggered sl at 107 @2',
      'fill sl 10@106 maker fee 0 @4',
    ]);
  });

  test('a stop_limit fired inside a bar is marketable at its stop and takes there', () => {
    const book = bookOf([['sl', { qty: '10', side: 'buy', type: 'stop_limit', stop_price: '105', limit_price: '106' }]]);
    // O 100 is nearer the low: 100 → 99 → 110 → 108.
    expect(fills(play(book, [bar(0, 100, 110, 99, 108)]).events)).toEqual(['triggered sl at 105 @40000', 'fill sl 10@105 taker fee 0 @40000']);
  });
});

describe('trailing stops', () => {
  test('a sell trails the highest print by a price, and fires when the market falls that far from it', () => {
    const book = bookOf([['t', { qty: '10', side: 'sell', type: 'trailing_stop', trail_price: '2' }]]);
    const first = play(book, [tick(1, 100), tick(2, 103), tick(3, 102)]);
    expect(first.events.filter((e) => e.type !== 'new')).toEqual([]);
    expect([first.book.working[0]?.order.hwm, first.book.working[0]?.order.stop_price]).toEqual([103, 101]);
    expect(fills(play(first.book, [tick(4, 101.5), tick(5, 100.5)]).events)).toEqual(['triggered t at 100.5 @5', 'fill t 10@100.5 taker fee 0 @5']);
  });

  test('a buy trails the lowest print by a percent', () => {
    const book = bookOf([['t', { qty: '10', side: 'buy', type: 'trailing_stop', trail_percent: '5' }]]);
    const { book: after, events } = play(book, [tick(1, 100), tick(2, 90), tick(3, 94)]);
    expect(fills(events)).toEqual([]);
    expect([after.working[0]?.order.hwm, after.working[0]?.order.stop_price]).toEqual([90, 94.5]);
    expect(fills(play(after, [tick(4, 95)]).events)).toEqual(['triggered t at 95 @4', 'fill t 10@95 taker fee 0 @4']);
  });

  test("starts from the book's last price when there is one", () => {
    const seen = match(emptyBook('AAPL'), tick(1, 100)).book;
    const book = bookOf([['t', { qty: '1', side: 'sell', type: 'trailing_stop', trail_price: '1' }]], 2, seen);
    expect([book.working[0]?.order.hwm, book.working[0]?.order.stop_price]).toEqual([100, 99]);
  });

  test('inside a bar the high moves the stop up before the fall to the close fires it', () => {
    const seen = match(emptyBook('AAPL'), tick(0, 101)).book;
    const book = bookOf([['t', { qty: '10', side: 'sell', type: 'trailing_stop', trail_price: '2' }]], 0, seen);
    // O 101 is nearer the low: 101 → 100.5 → 104 (stop moves to 102) → 101.5 crosses 102.
    const { events } = play(book, [bar(1, 101, 104, 100.5, 101.5)]);
    expect(fills(events)).toEqual([`triggered t at 102 @${2 * MINUTE - 1}`, `fill t 10@102 taker fee 0 @${2 * MINUTE - 1}`]);
    expect(events.at(-1)?.order.hwm).toBe(104);
  });
});
