export { parseChart, chartErrorOf, type ParsedChart, type ChartParse, type ChartSkips, type ChartMeta, type Split, type Dividend, type TradingPeriod } from './chart.ts';
export { adjustForSplits } from './adjust.ts';
export { regularSession, nextPollDelay, SLOW_POLL_MS, type Session } from './hours.ts';
export { YahooPoller, type YahooPollerOptions, type YahooPollerStats, type YahooInterval } from './poller.ts';
export { DEFAULT_BACKOFF, type BackoffPolicy } from '../http/backoff.ts';
export type { FetchLike } from '../http/http-get.ts';
export type { PollState, PollStats } from '../http/poll-loop.ts';
