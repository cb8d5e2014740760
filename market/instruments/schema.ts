import { z } from 'zod';

export const INSTRUMENT_CLASSES = ['crypto', 'stock', 'macro'] as const;
export type InstrumentClass = (typeof INSTRUMENT_CLASSES)[number];

/** Where each class may trade: a crypto pair on an exchange, a stock on a US listing venue, a macro series at its publisher. */
export const VENUES_BY_CLASS = {
  crypto: ['binance'],
  stock: ['nasdaq', 'nyse', 'nyse-arca'],
  macro: ['fred'],
} as const satisfies Record<InstrumentClass, readonly string[]>;
export const VENUES = Object.values(VENUES_BY_CLASS).flat() as Venue[];
export type Venue = (typeof VENUES_BY_CLASS)[InstrumentClass][number];

const SYMBOL = /^[A-Z0-9]+$/;

export const instrumentSchema = z
  .strictObject({
    symbol: z.string().regex(SYMBOL, { error: (i) => `symbol must be upper-case letters and digits, got ${JSON.stringify(i.input)}` }),
    /** Display name: the company, pair or series as a person would say it. */
    name: z.string().trim().min(1, 'name must not be empty'),
    class: z.enum(INSTRUMENT_CLASSES),
    venue: z.enum(VENUES as [Venue, ...Venue[]]),
    /** GICS-style sector; stocks only (funds use 'ETF', which GICS does not classify). */
    sector: z.string().trim().min(1, 'sector must not be empty').optional(),
    /** Currency prices are quoted in (USDT, USD); for a macro series, its unit ('percent', 'index'). */
    quote: z.string().trim().min(1, 'quote must not be empty'),
    /** Smallest price step: the venue's increment, or the precision a series is published with. */
    tickSize: z.number().positive({ error: (i) => `tickSize must be a positive number, got ${String(i.input)}` }),
  })
  .superRefine((i, ctx) => {
    // Sectors drive grouping and allocation limits; a stock without one would silently fall out of them.
    if (i.class === 'stock' && i.sector === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sector'], message: `stock ${i.symbol} must have a sector` });
    }
    if (i.class !== 'stock' && i.sector !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sector'], message: `only stocks have a sector; ${i.class} ${i.symbol} has ${JSON.stringify(i.sector)}` });
    }
    const venues: readonly string[] = VENUES_BY_CLASS[i.class];
    if (!venues.includes(i.venue)) {
      ctx.addIssue({ code: 'custom', path: ['venue'], message: `a ${i.class} instrument trades on ${venues.join(' or ')}, not ${i.venue}` });
    }
  });

export type Instrument = z.infer<typeof instrumentSchema>;

export const instrumentFileSchema = z
  .object({ instruments: z.array(instrumentSchema) })
  .superRefine(({ instruments }, ctx) => {
    // Lookups are by symbol: a second entry would shadow the first without anyone noticing.
    const firstIndex = new Map<string, number>();
    instruments.forEach(({ symbol }, index) => {
      const first = firstIndex.get(symbol);
      if (first === undefined) firstIndex.set(symbol, index);
      else ctx.addIssue({ code: 'custom', path: ['instruments', index, 'symbol'], message: `duplicate symbol ${symbol} (first at instruments[${first}])` });
    });
  });

export type InstrumentFile = z.infer<typeof instrumentFileSchema>;
