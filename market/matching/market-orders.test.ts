import { describe, expect, test } from 'bun:test';
import { bar, bookOf, config, fills, play, tick } from './testing.ts';

const buy10 = { qty: '10', side: 'buy', type: 'market' };

describe('market orders', () => {
  test('fill whole at the next tick, as takers', () => {
    const { book, events } = play(bookOf([['m', buy10]], 1_000), [tick(1_000, 100), tick(2_000, 101)]);
    expect(fills(events)).toEqual(['fill m 10@100 taker fee 0 @1000']);
    expect(book.working).toEqual([]);
    expect(book.lastPrice).toBe(101);
  });

  test('never fill on a price stamped before they were submitted', () => {
    const { events } = play(bookOf([['m', buy10]], 1_500), [tick(1_000, 99), tick(2_000, 101)]);
    expect(fills(events)).toEqual(['fill m 10@101 taker fee 0 @2000']);
  });

  test('inside a bar, an order that arrives between two points joins at the next one', () => {
    // O 100 = H 100 → L 95 → C 97: submitted at +10 s, it fills at the high's point (+20 s), not the open (+0 s).
    const { events } = play(bookOf([['m', buy10]], 10_000), [bar(0, 100, 100, 95, 97)]);
    expect(fills(events)).toEqual(['fill m 10@100 taker fee 0 @20000']);
    const late = play(bookOf([['m', buy10]], 30_000), [bar(0, 100, 100, 95, 97)]);
    expect(fills(late.events)).toEqual(['fill m 10@95 taker fee 0 @40000']);
  });

  test('fixed slippage: buys pay up, sells receive less; taker fees on the slipped price', () => {
    const cfg = config({ slippage: { kind: 'fixed_bps', bps: 10 }, fees: { makerBps: 1, takerBps: 5 } });
    const book = bookOf([
      ['b', buy10],
      ['s', { qty: '4', side: 'sell', type: 'market' }],
    ]);
    expect(fills(play(book, [tick(1, 200)], cfg).events)).toEqual(['fill b 10@200.2 taker fee 1.001 @1', 'fill s 4@199.8 taker fee 0.3996 @1']);
  });

  test('volume-share slippage: the fill pays bps × its share of the print', () => {
    const cfg = config({ slippage: { kind: 'volume_share', bps: 20 } });
    expect(fills(play(bookOf([['b', buy10]]), [tick(1, 100, 40)], cfg).events)).toEqual(['fill b 10@100.05 taker fee 0 @1']); // 10/40 × 20 = 5 bps
  });

  test('participation caps each print; the rest fills on later prints at their prices', () => {
    const cfg = config({ participation: 0.5, fees: { makerBps: 0, takerBps: 10 } });
    const { book, events } = play(bookOf([['b', buy10]]), [tick(1, 100, 8), tick(2, 101, 6), tick(3, 102, 0), tick(4, 103, 100)], cfg);
    expect(fills(events)).toEqual(['partial_fill b 4@100 taker fee 0.4 @1', 'partial_fill b 3@101 taker fee 0.303 @2', 'fill b 3@103 taker fee 0.309 @4']);
    expect(book.working).toEqual([]);
    expect(events.at(-1)?.order.filled_avg_price).toBe(101.2); // (4×100 + 3×101 + 3×103) / 10
  });

  test('the cap is shared by the orders of the book in submission order, in whole lots when asked', () => {
    const cfg = config({ participation: 0.1, qtyStep: 1 });
    const book = bookOf([
      ['a', { qty: '3', side: 'buy', type: 'market' }],
      ['b', { qty: '3', side: 'sell', type: 'market' }],
    ]);
    // 10% of 45 is 4.5, floored to 4 whole shares a print: a takes 3, b the 1 left, then 2 more.
    expect(fills(play(book, [tick(1, 100, 45), tick(2, 100, 45)], cfg).events)).toEqual([
      'fill a 3@100 taker fee 0 @1',
      'partial_fill b 1@100 taker fee 0 @1',
      'fill b 2@100 taker fee 0 @2',
    ]);
  });

  test('a notional order buys what its money buys, to 1e-8', () => {
    const { events } = play(bookOf([['n', { notional: '1000', side: 'buy', type: 'market' }]]), [tick(1, 30)]);
    expect(fills(events)).toEqual(['fill n 33.33333333@30 taker fee 0 @1']);
  });
});

describe('ioc and fok', () => {
  const cfg = config({ participation: 0.5 });

  test('ioc fills what the first print allows and cancels the rest', () => {
    const { book, events } = play(bookOf([['i', { ...buy10, time_in_force: 'ioc' }]]), [tick(1, 100, 12), tick(2, 100, 100)], cfg);
    expect(fills(events)).toEqual(['partial_fill i 6@100 taker fee 0 @1', 'canceled i ioc_unfilled @1']);
    expect(book.working).toEqual([]);
  });

  test('fok fills whole or cancels whole', () => {
    const book = bookOf([['f', { ...buy10, time_in_force: 'fok' }]]);
    expect(fills(play(book, [tick(1, 100, 19)], cfg).events)).toEqual(['canceled f fok_unfilled @1']);
    expect(fills(play(book, [tick(1, 100, 20)], cfg).events)).toEqual(['fill f 10@100 taker fee 0 @1']);
  });

  test('a limit ioc or fok that is not marketable at the first print cancels there', () => {
    const book = bookOf([
      ['i', { ...buy10, type: 'limit', limit_price: '99', time_in_force: 'ioc' }],
      ['f', { ...buy10, type: 'limit', limit_price: '99', time_in_force: 'fok' }],
    ]);
    expect(fills(play(book, [tick(1, 100), tick(2, 98)]).events)).toEqual(['canceled i ioc_unfilled @1', 'canceled f fok_unfilled @1']);
  });

  test('a marketable limit ioc fills at the print, never beyond its limit even with slippage', () => {
    const book = bookOf([['i', { ...buy10, type: 'limit', limit_price: '100.03', time_in_force: 'ioc' }]]);
    const slip = config({ slippage: { kind: 'fixed_bps', bps: 10 } });
    expect(fills(play(book, [tick(1, 100)], slip).events)).toEqual(['fill i 10@100.03 taker fee 0 @1']);
  });
});
