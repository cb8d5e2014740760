import { fixtureJson } from '../http/scripted-server.ts';

const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The recorded AAPL 1m response for 2024-10-02 as Yahoo would have sent it that day after
 * `rows` minutes of trading: the first `rows` rows, and `currentTradingPeriod` set to that
 * day's session (from the recording's own tradingPeriods) instead of the recording day's.
 */
export function aaplMinutesBody(rows: number): string {
  const json = fixtureJson('yahoo/chart_v8_AAPL_1m_2024-10-02.json') as any;
  const result = json.chart.result[0];
  result.timestamp = result.timestamp.slice(0, rows);
  for (const name of COLUMNS) result.indicators.quote[0][name] = result.indicators.quote[0][name].slice(0, rows);
  result.meta.currentTradingPeriod = { regular: result.meta.tradingPeriods[1][0] };
  return JSON.stringify(json);
}

/** 2024-10-02's regular session, 13:30–20:00 UTC. */
export const OCT2_SESSION = { start: Date.UTC(2024, 9, 2, 13, 30), end: Date.UTC(2024, 9, 2, 20) };
