import { TIMEFRAMES, type Timeframe } from '../../market/timeframes.ts';

/**
 * What a file's name says about its content. Venues and archives name files after the symbol
 * first (`BTCUSDT_1m_2021-04.csv`, `LINKUSDT-1m-2023-02.csv`, `AAPL_data.csv`, `DGS10.csv`,
 * `SPY_stooq_daily.csv`, `spy.us.txt`), then the interval; these read that convention back.
 */

// Leading words of file names that are not symbols, so `data.csv` does not become "DATA".
const GENERIC = new Set(['DATA', 'EXPORT', 'DOWNLOAD', 'FILE', 'PRICES', 'QUOTES', 'HISTORY', 'KLINES', 'CANDLES', 'OHLCV', 'DAILY']);

const tokens = (file: string): string[] => {
  const base = file.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.gz$/i, '').replace(/\.(csv|txt)$/i, '').split(/[_\-.\s]/);
};

/** The symbol a file name starts with, upper-cased, or undefined when it starts with none. */
export function symbolFromFileName(file: string): string | undefined {
  const first = tokens(file)[0]?.toUpperCase() ?? '';
  return /^[A-Z][A-Z0-9]{0,19}$/.test(first) && !GENERIC.has(first) ? first : undefined;
}

/** The first Tickflow timeframe named in a file name (`_1m_`, `-1h-`), or undefined. */
export function timeframeFromFileName(file: string): Timeframe | undefined {
  return tokens(file).find((t): t is Timeframe => (TIMEFRAMES as readonly string[]).includes(t));
}
