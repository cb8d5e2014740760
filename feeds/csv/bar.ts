import { z } from 'zod';
import type { Bar } from '../../market/candles/candle.ts';

/** One data line, parsed: the bar and, where the layout has a ticker column, its symbol. */
export interface ParsedRow {
  readonly bar: Bar;
  readonly symbol?: string;
}

/**
 * What every imported bar must satisfy whatever its layout: prices inside the bar's own range
 * and a volume that is not negative. The cell schemas have already made every field a finite
 * number; ordering in time is a property of the whole file, checked by the parser.
 */
export function barProblem(b: Bar): string | null {
  if (b.high < b.low) return `high ${b.high} is below low ${b.low}`;
  if (b.low > Math.min(b.open, b.close)) return `low ${b.low} is above min(open ${b.open}, close ${b.close})`;
  if (b.high < Math.max(b.open, b.close)) return `high ${b.high} is below max(open ${b.open}, close ${b.close})`;
  if (b.volume < 0) return `volume ${b.volume} is negative`;
  return null;
}

/**
 * A layout's row schema: its cells' schemas (a tuple, one per column), then `toRow`, which
 * builds the row or names what is wrong across cells, then the bar checks. One zod pipeline,
 * so every failure comes back the same way: the message of the first issue.
 */
export function rowSchema<T extends z.ZodTuple>(cells: T, toRow: (values: z.output<T>) => ParsedRow | string) {
  return cells.transform((values, ctx): ParsedRow => {
    const row = toRow(values);
    const problem = typeof row === 'string' ? row : barProblem(row.bar);
    if (problem === null && typeof row !== 'string') return row;
    ctx.addIssue({ code: 'custom', message: problem ?? 'invalid row' });
    return z.NEVER;
  });
}

export type RowSchema = z.ZodType<ParsedRow, string[]>;

/** The first problem zod found, as one line. */
export const firstIssue = (error: z.ZodError): string => error.issues[0]?.message ?? 'invalid row';
