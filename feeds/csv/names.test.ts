import { expect, test } from 'bun:test';
import { symbolFromFileName, timeframeFromFileName } from './names.ts';

test.each([
  ['data/crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv.gz', 'BTCUSDT', '1m'],
  ['LINKUSDT-1m-2023-02_first2000.csv', 'LINKUSDT', '1m'],
  ['/tmp/AAPL_data.csv', 'AAPL', undefined],
  ['DGS10.csv', 'DGS10', undefined],
  ['SPY_stooq_daily_2005-02-25_2019-12-31.csv.gz', 'SPY', undefined],
  ['spy.us.txt', 'SPY', undefined],
  ['C:\\data\\ETHUSDT-1h-2024-01.csv', 'ETHUSDT', '1h'],
  ['data.csv', undefined, undefined],
  ['2021-04-02.csv', undefined, undefined],
])('%s names %s at %s', (file, symbol, tf) => {
  expect(symbolFromFileName(file)).toBe(symbol);
  expect<string | undefined>(timeframeFromFileName(file)).toBe(tf);
});
