import { floorToStep } from '../orders/decimal.ts';
import type { Book, BookUpdate } from './book.ts';
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from './config.ts';
import { eventVolume, pathOf, type MarketEvent, type PathPoint } from './market-event.ts';
import { Run } from './run.ts';
import { matchPoint, matchSegment } from './walk.ts';

/**
 * The book after one market event, and what happened, in order. Pure: `book` is not changed.
 * Day orders whose session ended by a point's time expire before that point is matched.
 * Throws on an event older than the last one (inputs must arrive in time order) or on
 * impossible data.
 */
export function match(book: Book, event: MarketEvent, config: MatchConfig = DEFAULT_MATCH_CONFIG): BookUpdate {
  const points = pathOf(event, book.symbol);
  const start = points[0]!.time;
  if (book.lastTime !== null && start < book.lastTime) {
    throw new RangeError(`Invalid market event for ${book.symbol}: time ${start} is before the last one matched, ${book.lastTime}`);
  }
  const volume = eventVolume(event);
  const capacity = config.participation === null ? Number.POSITIVE_INFINITY : floorToStep(config.participation * volume, config.qtyStep);
  const run = new Run(book, config, volume, capacity);
  let previous: PathPoint | null = null;
  for (const p of points) {
    run.expireDue(p.time);
    if (previous === null || !p.continuous) matchPoint(run, p.price, p.time);
    else matchSegment(run, previous.price, p.price, previous.time, p.time);
    run.lastPrice = p.price;
    run.lastTime = p.time;
    previous = p;
  }
  return run.result();
}
