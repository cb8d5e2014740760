// Matching: one module for paper trading and replay. Pure functions over a plain-data Book.
export { emptyBook, type Book, type BookUpdate, type CancelReason, type MatchEvent, type WorkingOrder } from './book.ts';
export { DEFAULT_MATCH_CONFIG, matchConfigSchema, type MatchConfig, type SlippageModel } from './config.ts';
export { barPath, barPathTimes, pathOf, type MarketEvent, type PathPoint } from './market-event.ts';
export { match } from './match.ts';
export { cancel, expireDue, replace, submit } from './orders.ts';
export { feeOf, slippageBps, slipped, type Liquidity } from './pricing.ts';
