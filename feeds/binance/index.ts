export { backfillKlines, type BackfillRequest, type BackfillResult, type Fetch } from './backfill.ts';
export { ceiling, DEFAULT_BACKOFF, delay, type BackoffPolicy } from './backoff.ts';
export { BinanceConnection, type ConnectionOptions, type ConnectionState, type ConnectionStats, type DropReason } from './connection.ts';
export { MAX_FRAME_CHARS, parseFrame, type BinanceEvent, type FrameDropReason, type FrameResult, type KlineEvent, type TradeEvent } from './messages.ts';
export { combinedStreamUrl, DEFAULT_REST_BASE, DEFAULT_WS_BASE, klinesUrl, parseStreamName, streamName, type Channel, type KlineInterval } from './streams.ts';
