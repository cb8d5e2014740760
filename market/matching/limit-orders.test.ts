import { describe, expect, test } from 'bun:test';
import { bar, bookOf, config, fills, MINUTE, play, tick } from './testing.ts';

const buyLimit = (price: string, more: Record<string, unknown> = {}) => ({ qty: '10', side: 'buy', type: 'limit', limit_price: price, ...more });
const through = config({ limitFill: 'through' });

describe('limit orders on ticks', () => {
  test('a resting buy fills at its limit when a print touches it, as a maker', () => {
    const { book, events } = play(bookOf([['l', buyLimit('100')]]), [tick(1, 101), tick(2, 100.5), tick(3, 100)]);
    expect(fills(events)).toEqual(['fill l 10@100 maker fee 0 @3']);
    expect(book.working).toEqual([]);
  });

  test("'through' waits for a print beyond the limit", () => {
    const ticks = [tick(1, 101), tick(2, 100), tick(3, 99.99)];
    expect(fills(play(bookOf([['l', buyLimit('100')]]), ticks, through).events)).toEqual(['fill l 10@100 maker fee 0 @3']);
    expect(fills(play(bookOf([['l', buyLimit('100')]]), ticks.slice(0, 2), through).events)).toEqual([]);
  });

  test('a gap through a resting limit fills at the limit, never better', () => {
    expect(fills(play(bookOf([['l', buyLimit('100')]]), [tick(1, 101), tick(2, 95)]).events)).toEqual(['fill l 10@100 maker fee 0 @2']);
  });

  test('a limit marketable when it arrives takes at the print, as a taker', () => {
    const cfg = config({ fees: { makerBps: 1, takerBps: 10 } });
    expect(fills(play(bookOf([['l', buyLimit('100')]]), [tick(1, 99)], cfg).events)).toEqual(['fill l 10@99 taker fee 0.99 @1']);
  });

  test('sell limits mirror buys', () => {
    const book = bookOf([['s', { qty: '5', side: 'sell', type: 'limit', limit_price: '110' }]]);
    expect(fills(play(book, [tick(1, 108), tick(2, 109.99), tick(3, 111)]).events)).toEqual(['fill s 5@110 maker fee 0 @3']);
  });

  test('participation splits a resting fill into maker partials at the limit, with maker fees', () => {
    const cfg = config({ participation: 0.25, fees: { makerBps: 2, takerBps: 10 } });
    const { events, book } = play(bookOf([['l', buyLimit('100')]]), [tick(1, 101), tick(2, 99, 20), tick(3, 100, 4), tick(4, 100.5, 100)], cfg);
    expect(fills(events)).toEqual(['partial_fill l 5@100 maker fee 0.1 @2', 'partial_fill l 1@100 maker fee 0.02 @3']);
    expect(book.working[0]?.order.filled_qty).toBe(6);
  });
});

describe('limit orders on bars', () => {
  // O 104 is nearer the high: the path is 104 → 106 → 99 → 103.
  const dip = bar(1, 104, 106, 99, 103);

  test('a resting limit fills at its level on the way down, stamped when the path got there', () => {
    const book = bookOf([['l', buyLimit('100')]]);
    expect(fills(play(book, [bar(0, 101, 102, 100.5, 101), dip]).events)).toEqual([`fill l 10@100 maker fee 0 @${MINUTE + 40_000}`]);
  });

  test("'through' needs the bar to go beyond the limit, not just reach it", () => {
    const book = bookOf([['l', buyLimit('99')]]);
    expect(fills(play(book, [dip], through).events)).toEqual([]);
    expect(fills(play(book, [dip]).events)).toEqual([`fill l 10@99 maker fee 0 @${MINUTE + 40_000}`]);
  });

  test("a limit marketable at the bar's open takes the open", () => {
    expect(fills(play(bookOf([['l', buyLimit('105')]]), [dip]).events)).toEqual([`fill l 10@104 taker fee 0 @${MINUTE}`]);
  });

  test('an open that gaps through a resting limit fills it at the limit', () => {
    const book = bookOf([['l', buyLimit('100')]]);
    expect(fills(play(book, [bar(0, 101, 102, 100.5, 101), bar(1, 97, 98, 96, 97)]).events)).toEqual([`fill l 10@100 maker fee 0 @${MINUTE}`]);
  });

  test("a bar's volume is one participation budget for its whole path", () => {
    const cfg = config({ participation: 0.1 });
    const book = bookOf([['l', buyLimit('100', { qty: '300' })]]);
    const { events } = play(book, [bar(0, 101, 102, 100.5, 101), dip, bar(2, 103, 103, 95, 96, 2_000)], cfg);
    expect(fills(events)).toEqual([`partial_fill l 100@100 maker fee 0 @${MINUTE + 40_000}`, `fill l 200@100 maker fee 0 @${2 * MINUTE + 40_000}`]);
  });
});
