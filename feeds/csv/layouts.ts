import { z } from 'zod';
import { rowSchema, type RowSchema } from './bar.ts';
import { decimal, epochMs, label, utcDate } from './cells.ts';

/** The OHLCV CSV layouts Tickflow imports. README.md beside this file describes each. */
export const CSV_LAYOUTS = ['binance-klines', 'binance-klines-full', 'stocks-daily', 'stooq-daily', 'fred'] as const;
export type CsvLayout = (typeof CSV_LAYOUTS)[number];

export interface LayoutSpec {
  readonly layout: CsvLayout;
  /** The header as the venue writes it, for messages and docs. */
  readonly header: string;
  /** One bar per calendar day, dated at UTC midnight; otherwise intraday on epoch times. */
  readonly daily: boolean;
  readonly row: RowSchema;
  /** Why a line is skipped rather than refused (a missing observation), or null. */
  readonly skip?: (cells: readonly string[]) => string | null;
}

const OHLCV = [decimal('open'), decimal('high'), decimal('low'), decimal('close'), decimal('volume')] as const;
type Ohlcv = [number, number, number, number, number];
const bar = (openTime: number, [open, high, low, close, volume]: Ohlcv) => ({ openTime, open, high, low, close, volume });

const BINANCE_FULL = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';
const STOOQ = '<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>';

export const LAYOUTS: Record<CsvLayout, LayoutSpec> = {
  'binance-klines': {
    layout: 'binance-klines',
    header: 'open_time,open,high,low,close,volume',
    daily: false,
    row: rowSchema(z.tuple([epochMs('open_time'), ...OHLCV]), ([t, ...v]) => ({ bar: bar(t, v) })),
  },
  'binance-klines-full': {
    layout: 'binance-klines-full',
    header: BINANCE_FULL,
    daily: false,
    row: rowSchema(
      z.tuple([
        epochMs('open_time'), ...OHLCV, epochMs('close_time'), decimal('quote_volume'), decimal('count'),
        decimal('taker_buy_volume'), decimal('taker_buy_quote_volume'), z.string(), // Binance documents `ignore` as unused
      ]),
      ([t, o, h, l, c, v, closeTime]) =>
        closeTime > t ? { bar: bar(t, [o, h, l, c, v]) } : `close_time ${closeTime} is not after open_time ${t}`,
    ),
  },
  'stocks-daily': {
    layout: 'stocks-daily',
    header: 'date,open,high,low,close,volume,Name',
    daily: true,
    // The Name column is optional: the same layout without it is common.
    row: rowSchema(z.tuple([utcDate('date', 'YYYY-MM-DD'), ...OHLCV], label('Name')), ([t, o, h, l, c, v, name]) =>
      name === undefined ? { bar: bar(t, [o, h, l, c, v]) } : { bar: bar(t, [o, h, l, c, v]), symbol: name.toUpperCase() },
    ),
  },
  'stooq-daily': {
    layout: 'stooq-daily',
    header: STOOQ,
    daily: true,
    row: rowSchema(
      z.tuple([
        label('<TICKER>'), z.literal('D', { error: (i) => `<PER> must be D (daily), got ${JSON.stringify(i.input)}` }),
        utcDate('<DATE>', 'YYYYMMDD'), z.string(), ...OHLCV, decimal('<OPENINT>'),
      ]),
      // Stooq suffixes tickers with their market (SPY.US); the symbol is the ticker alone.
      ([ticker, , t, , ...v]) => ({ bar: bar(t, v.slice(0, 5) as Ohlcv), symbol: ticker.replace(/\.[A-Za-z]+$/, '').toUpperCase() }),
    ),
  },
  fred: {
    layout: 'fred',
    header: 'observation_date,SERIES',
    daily: true,
    // An observation is one number: a flat bar with no volume, so it travels like any other.
    row: rowSchema(z.tuple([utcDate('date', 'YYYY-MM-DD'), decimal('value')]), ([t, x]) => ({ bar: bar(t, [x, x, x, x, 0]) })),
    // FRED writes '.' for an observation it does not have; some exports leave the cell empty.
    skip: (cells) => (cells[1] === '.' || cells[1] === '' ? 'missing value' : null),
  },
};
