// Helpers for the matching tests: books built from request bodies, events by hand, and a
// one-line summary per match event so a test reads as the story it checks.
import { decimalString } from '../orders/decimal.ts';
import { ordersFrom, type TestOrderOptions } from '../orders/testing.ts';
import { emptyBook, type Book, type MatchEvent } from './book.ts';
import type { MatchConfig } from './config.ts';
import { DEFAULT_MATCH_CONFIG } from './config.ts';
import type { MarketEvent } from './market-event.ts';
import { match } from './match.ts';
import { submit } from './orders.ts';

export const MINUTE = 60_000;

export const tick = (time: number, price: number, size = 1_000): MarketEvent => ({ kind: 'tick', time, price, size });

/** A 1m bar at minute `minute`: its path points fall at +0, +20 s, +40 s and +59.999 s. */
export const bar = (minute: number, open: number, high: number, low: number, close: number, volume = 1_000): MarketEvent => ({
  kind: 'bar',
  bar: { openTime: minute * MINUTE, open, high, low, close, volume },
  durationMs: MINUTE,
});

/** A book holding the orders each body makes, submitted at `at` (default 0). */
export function bookOf(orders: [string, Record<string, unknown>, TestOrderOptions?][], at = 0, start: Book = emptyBook('AAPL')): Book {
  return orders.reduce((book, [id, body, options]) => submit(book, ordersFrom(id, body, options), at).book, start);
}

export function config(patch: Partial<MatchConfig> = {}): MatchConfig {
  return { ...DEFAULT_MATCH_CONFIG, ...patch };
}

/** Feeds the events in order; returns the last book and every match event. */
export function play(book: Book, events: readonly MarketEvent[], cfg: MatchConfig = DEFAULT_MATCH_CONFIG): { book: Book; events: MatchEvent[] } {
  const all: MatchEvent[] = [];
  for (const event of events) {
    const update = match(book, event, cfg);
    book = update.book;
    all.push(...update.events);
  }
  return { book, events: all };
}

/** `fill o1 10@100 taker fee 0.5 @20000`, `canceled o2 ioc_unfilled @0`, ... */
export function story(events: readonly MatchEvent[]): string[] {
  return events.map((e) => {
    const id = e.order.id;
    switch (e.type) {
      case 'fill':
      case 'partial_fill':
        return `${e.type} ${id} ${decimalString(e.qty)}@${decimalString(e.price)} ${e.liquidity} fee ${decimalString(e.fee)} @${e.at}`;
      case 'triggered':
        return `triggered ${id} at ${decimalString(e.price)} @${e.at}`;
      case 'canceled':
        return `canceled ${id} ${e.reason} @${e.at}`;
      default:
        return `${e.type} ${id} @${e.at}`;
    }
  });
}

/** The story without the `new` events of submission, which every book starts with. */
export const fills = (events: readonly MatchEvent[]) => story(events.filter((e) => e.type !== 'new'));
