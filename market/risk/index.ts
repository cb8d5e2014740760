// Pre-trade risk: pure checks over the account, its open orders and last prices. No I/O, no clock.
export { preTradeCheck, DEFAULT_RISK_LIMITS, type PreTradeInput, type PreTradeResult, type RiskAccount, type RiskLimits, type TradingState } from './pre-trade.ts';
export { project, requirement, type MarginRules, type Projection } from './projection.ts';
export { sizingPrice, split } from './exposure.ts';
export { REJECTION_CODES, formatMoney, type Rejection, type RejectionCode } from './rejection.ts';
export { fullBucket, takeToken, type TakeResult, type TokenBucket, type TokenBucketConfig } from './token-bucket.ts';
