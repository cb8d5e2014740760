import { CSV_LAYOUTS, LAYOUTS, type CsvLayout } from './layouts.ts';

export type Detection =
  | {
      readonly ok: true;
      readonly layout: CsvLayout;
      /** Whether the first line is a header (Binance files come either way). */
      readonly header: boolean;
      /** Cells every data line must have. */
      readonly columns: number;
      /** The series a FRED header names (`DATE,DGS10`); absent for its generic `date,value`. */
      readonly series?: string;
    }
  | { readonly ok: false; readonly error: string };

const normalise = (cells: readonly string[]) => cells.map((c) => c.trim().toLowerCase()).join(',');

const HEADERS = new Map<string, { layout: CsvLayout; columns: number }>([
  [normalise(LAYOUTS['binance-klines'].header.split(',')), { layout: 'binance-klines', columns: 6 }],
  [normalise(LAYOUTS['binance-klines-full'].header.split(',')), { layout: 'binance-klines-full', columns: 12 }],
  ['date,open,high,low,close,volume,name', { layout: 'stocks-daily', columns: 7 }],
  ['date,open,high,low,close,volume', { layout: 'stocks-daily', columns: 6 }],
  [normalise(LAYOUTS['stooq-daily'].header.split(',')), { layout: 'stooq-daily', columns: 10 }],
]);

const FRED_DATE = /^(observation_date|date)$/i;
const FRED_SERIES = /^[A-Za-z][A-Za-z0-9_]*$/;
const EPOCH = /^\d{13}(\d{3})?$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const expected = CSV_LAYOUTS.map((l) => `${l} (${LAYOUTS[l].header}${l.startsWith('binance') ? ', header optional' : ''})`).join('; ');

/** Which layout a file has, from its first line: a known header, or a headerless Binance kline row. */
export function detectLayout(firstLine: string): Detection {
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const cells = line.split(',');
  const known = HEADERS.get(normalise(cells));
  if (known) return { ok: true, ...known, header: true };

  const [date, series] = cells.map((c) => c.trim());
  if (cells.length === 2 && FRED_DATE.test(date ?? '') && FRED_SERIES.test(series ?? '')) {
    const named = series!.toLowerCase() === 'value' ? {} : { series: series!.toUpperCase() };
    return { ok: true, layout: 'fred', header: true, columns: 2, ...named };
  }

  // Binance's own downloads carry no header: recognise their data rows by shape. The 12th
  // column (`ignore`) may hold anything.
  const numeric = cells.slice(0, 11).every((c) => NUMBER.test(c.trim()));
  if (EPOCH.test(cells[0]?.trim() ?? '') && numeric && (cells.length === 6 || cells.length === 12)) {
    return { ok: true, layout: cells.length === 6 ? 'binance-klines' : 'binance-klines-full', header: false, columns: cells.length };
  }

  const seen = line.trim() === '' ? 'an empty first line' : `the first line ${JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line)}`;
  return { ok: false, error: `unknown CSV layout: saw ${seen}; expected one of ${expected}` };
}
