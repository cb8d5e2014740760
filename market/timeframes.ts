import { z } from 'zod';

/**
 * Candle timeframes. Buckets are aligned to the Unix epoch, which is UTC: a 1d candle opens at
 * 00:00 UTC, a 4h candle at 00:00, 04:00, ... UTC, whatever the venue's time zone.
 */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const timeframeSchema = z.enum(TIMEFRAMES, {
  error: (i) => `timeframe must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(i.input)}`,
});

const MINUTE = 60_000;
const DURATION: Record<Timeframe, number> = { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': 60 * MINUTE, '4h': 240 * MINUTE, '1d': 1_440 * MINUTE };

export const timeframeMs = (tf: Timeframe): number => DURATION[tf];

/** The open time of the bucket containing `time` (epoch ms). */
export const bucketStart = (time: number, tf: Timeframe): number => time - (((time % DURATION[tf]) + DURATION[tf]) % DURATION[tf]);
