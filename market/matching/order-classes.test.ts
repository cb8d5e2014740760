import { describe, expect, test } from 'bun:test';
import { cancel } from './orders.ts';
import { bar, bookOf, config, fills, MINUTE, play, story, tick } from './testing.ts';

const bracket = (more: Record<string, unknown> = {}) => ({
  qty: '10',
  side: 'buy',
  type: 'limit',
  limit_price: '100',
  order_class: 'bracket',
  take_profit: { limit_price: '110' },
  stop_loss: { stop_price: '95' },
  ...more,
});
const statuses = (book: ReturnType<typeof bookOf>) => book.working.map((w) => `${w.order.id}:${w.order.status}`);

describe('brackets', () => {
  test('the exits are held until the entry fills, then work as an OCO pair', () => {
    const book = bookOf([['b', bracket()]]);
    expect(statuses(book)).toEqual(['b:new', 'b-tp:held', 'b-sl:held']);
    // Held exits ignore prices: 111 would fill the take-profit if it were working.
    const before = play(book, [tick(1, 101), tick(2, 111), tick(3, 105)]);
    expect(statuses(before.book)).toEqual(['b:new', 'b-tp:held', 'b-sl:held']);
    const { book: after, events } = play(before.book, [tick(4, 100), tick(5, 108), tick(6, 110.5)]);
    expect(story(events)).toEqual(['fill b 10@100 maker fee 0 @4', 'new b-tp @4', 'new b-sl @4', 'fill b-tp 10@110 maker fee 0 @6', 'canceled b-sl oco_sibling_filled @6']);
    expect(after.working).toEqual([]);
  });

  test('the stop-loss side wins when the market falls first', () => {
    const { events } = play(bookOf([['b', bracket({ type: 'market', limit_price: undefined })]]), [tick(1, 100), tick(2, 94)]);
    expect(story(events)).toEqual(['fill b 10@100 taker fee 0 @1', 'new b-tp @1', 'new b-sl @1', 'triggered b-sl at 94 @2', 'fill b-sl 10@94 taker fee 0 @2', 'canceled b-tp oco_sibling_filled @2']);
  });

  test('a partial exit cancels the other exit', () => {
    const cfg = config({ participation: 0.5 });
    const filled = play(bookOf([['b', bracket({ type: 'market', limit_price: undefined })]]), [tick(1, 100, 100)], cfg).book;
    expect(fills(play(filled, [tick(2, 111, 10)], cfg).events)).toEqual(['partial_fill b-tp 5@110 maker fee 0 @2', 'canceled b-sl oco_sibling_filled @2']);
  });

  test('canceling an unfilled entry cancels its exits', () => {
    const { book, events } = cancel(bookOf([['b', bracket()]]), 'b', 7);
    expect(story(events)).toEqual(['canceled b requested @7', 'canceled b-tp parent_canceled @7', 'canceled b-sl parent_canceled @7']);
    expect(book.working).toEqual([]);
  });

  test('canceling a part-filled entry puts its exits to work for the filled quantity', () => {
    const cfg = config({ participation: 0.5 });
    const part = play(bookOf([['b', bracket()]]), [tick(1, 101), tick(2, 99.5, 8)], cfg).book;
    const { book, events } = cancel(part, 'b', 3);
    expect(story(events)).toEqual(['canceled b requested @3', 'new b-tp @3', 'new b-sl @3']);
    expect(book.working.map((w) => [w.order.id, w.order.status, w.order.qty])).toEqual([
      ['b-tp', 'new', 4],
      ['b-sl', 'new', 4],
    ]);
  });

  test('canceling one exit cancels the other', () => {
    const filled = play(bookOf([['b', bracket({ type: 'market', limit_price: undefined })]]), [tick(1, 100)]).book;
    expect(story(cancel(filled, 'b-sl', 2).events)).toEqual(['canceled b-sl requested @2', 'canceled b-tp oco_sibling_canceled @2']);
  });
});

describe("a bracket's exits inside one bar follow the bar path", () => {
  const entered = play(bookOf([['b', bracket({ type: 'market', limit_price: undefined })]]), [tick(0, 100)]).book;

  test('open nearer the low: the path dips to the stop before the high reaches the target', () => {
    // O 101 → L 94 → H 111 → C 105: |101-94| = 7 < |111-101| = 10.
    expect(fills(play(entered, [bar(1, 101, 111, 94, 105)]).events)).toEqual([
      `triggered b-sl at 95 @${MINUTE + 20_000}`,
      `fill b-sl 10@95 taker fee 0 @${MINUTE + 20_000}`,
      `canceled b-tp oco_sibling_filled @${MINUTE + 20_000}`,
    ]);
  });

  test('open nearer the high: the target is reached first', () => {
    // O 104 → H 111 → L 94 → C 96: |111-104| = 7 < |104-94| = 10.
    expect(fills(play(entered, [bar(1, 104, 111, 94, 96)]).events)).toEqual([
      `fill b-tp 10@110 maker fee 0 @${MINUTE + 20_000}`,
      `canceled b-sl oco_sibling_filled @${MINUTE + 20_000}`,
    ]);
  });

  test('an entry filled on the way down has its stop hit later in the same stretch of path', () => {
    // O 103 → H 104 → L 90 → C 92: the entry fills at 100 on the fall, its stop at 95 on the same fall.
    const { events } = play(bookOf([['b', bracket()]]), [tick(0, 103), bar(1, 103, 104, 90, 92)]);
    expect(story(events)).toEqual([
      `fill b 10@100 maker fee 0 @${MINUTE + 40_000}`,
      `new b-tp @${MINUTE + 40_000}`,
      `new b-sl @${MINUTE + 40_000}`,
      `triggered b-sl at 95 @${MINUTE + 40_000}`,
      `fill b-sl 10@95 taker fee 0 @${MINUTE + 40_000}`,
      `canceled b-tp oco_sibling_filled @${MINUTE + 40_000}`,
    ]);
  });
});

describe('oco and oto', () => {
  const oco = { qty: '5', side: 'sell', type: 'limit', order_class: 'oco', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '95' } };

  test('both sides of an oco work at once; the first to fill cancels the other', () => {
    const book = bookOf([['o', oco]]);
    expect(statuses(book)).toEqual(['o:new', 'o-sl:new']);
    expect(fills(play(book, [tick(1, 100), tick(2, 94.5)]).events)).toEqual(['triggered o-sl at 94.5 @2', 'fill o-sl 5@94.5 taker fee 0 @2', 'canceled o oco_sibling_filled @2']);
    expect(fills(play(book, [tick(1, 100), tick(2, 110)]).events)).toEqual(['fill o 5@110 maker fee 0 @2', 'canceled o-sl oco_sibling_filled @2']);
  });

  test('canceling the oco order cancels its stop leg', () => {
    expect(story(cancel(bookOf([['o', oco]]), 'o', 3).events)).toEqual(['canceled o requested @3', 'canceled o-sl oco_sibling_canceled @3']);
  });

  test('an oto leg waits for its entry and then works alone', () => {
    const book = bookOf([['t', { qty: '5', side: 'buy', type: 'market', order_class: 'oto', stop_loss: { stop_price: '95', limit_price: '94' } }]]);
    expect(statuses(book)).toEqual(['t:new', 't-sl:held']);
    // The market gaps through the stop and the limit: the stop-limit fires and rests at 94 until the price comes back.
    const { book: after, events } = play(book, [tick(1, 100), tick(2, 93), tick(3, 93.5), tick(4, 94)]);
    expect(story(events)).toEqual(['fill t 5@100 taker fee 0 @1', 'new t-sl @1', 'triggered t-sl at 93 @2', 'fill t-sl 5@94 maker fee 0 @4']);
    expect(after.working).toEqual([]);
  });
});
