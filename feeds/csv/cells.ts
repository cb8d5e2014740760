import { z } from 'zod';

/**
 * zod schemas for single CSV cells. Each one turns text into a number and, when the text is
 * wrong, says which column and what it held, so an import error reads as `file:line: reason`.
 */

// Number() alone accepts '', ' ', '0x1F' and 'Infinity'; a price column holds none of those.
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

const show = (text: string) => (text === '' ? 'empty' : JSON.stringify(text));

/** A finite decimal number. */
export const decimal = (column: string) =>
  z.string().transform((text, ctx) => {
    const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (Number.isFinite(n)) return n;
    ctx.addIssue({ code: 'custom', message: `${column} is not a number: ${show(text)}` });
    return z.NEVER;
  });

/**
 * An epoch time as Binance writes it: 13 digits of milliseconds, or 16 digits of microseconds
 * (its spot files from 2025 on), normalised to milliseconds. Requiring the digit count catches
 * a file in seconds, which would otherwise land quietly in January 1970.
 */
export const epochMs = (column: string) =>
  z.string().transform((text, ctx) => {
    if (/^\d{13}$/.test(text)) return Number(text);
    if (/^\d{16}$/.test(text)) return Number(text.slice(0, 13));
    ctx.addIssue({ code: 'custom', message: `${column} is not an epoch time in milliseconds (13 digits) or microseconds (16): ${show(text)}` });
    return z.NEVER;
  });

/**
 * A calendar date, stored as the UTC midnight that starts it (epoch ms). Daily bars of a venue
 * in another time zone keep their trading date this way, and they line up with the UTC-aligned
 * 1d buckets of market/timeframes.ts.
 */
export const utcDate = (column: string, format: 'YYYY-MM-DD' | 'YYYYMMDD') =>
  z.string().transform((text, ctx) => {
    const m = (format === 'YYYY-MM-DD' ? ISO_DATE : COMPACT_DATE).exec(text);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const time = Date.UTC(y, mo - 1, d);
      const back = new Date(time);
      // Date.UTC rolls 2021-02-30 over to March 2; a real date survives the round trip.
      if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return time;
    }
    ctx.addIssue({ code: 'custom', message: `${column} is not a valid ${format} date: ${show(text)}` });
    return z.NEVER;
  });

/** A non-empty cell of text, such as a ticker. */
export const label = (column: string) => z.string().min(1, { error: `${column} is empty` });
