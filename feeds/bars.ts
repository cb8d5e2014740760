import { z } from 'zod';
import type { Bar } from '../market/candles/candle.ts';
import { barPath, printOffsets } from './replay/prints.ts';

/** A bar as a message field (a feed actor telling itself what its poller fetched). */
export const barSchema = z.object({ openTime: z.number(), open: z.number(), high: z.number(), low: z.number(), close: z.number(), volume: z.number() });

/** One print as a symbol actor takes it (`{ type: 'print', time, price, qty }`). */
export interface BarPrint {
  readonly time: number;
  readonly price: number;
  readonly qty: number;
}

/**
 * A closed bar of `barMs` as the four prints a symbol actor builds candles from, exactly as a
 * replay prints it (feeds/replay): its path at `printOffsets(barMs)` (for a 1d bar 00:00, 08:00,
 * 16:00 and 23:59:59.999 UTC), the whole volume on the close print, so volumes sum exactly. A
 * live feed and a replay of the same bars give the same candles.
 */
export function barPrints(bar: Bar, barMs: number): [BarPrint, BarPrint, BarPrint, BarPrint] {
  const offsets = printOffsets(barMs);
  const path = barPath(bar);
  return [0, 1, 2, 3].map((k) => ({ time: bar.openTime + offsets[k]!, price: path[k]!, qty: k === 3 ? bar.volume : 0 })) as [BarPrint, BarPrint, BarPrint, BarPrint];
}
