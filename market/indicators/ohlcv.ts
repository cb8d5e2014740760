/**
 * What an indicator reads from a closed (or forming) candle. Candles and file bars carry more
 * fields; any object with these five numbers will do.
 */
export interface Ohlcv {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * Refuses a bar with a non-finite field before it touches any state: one NaN in a running sum
 * or a Wilder average would poison every later value, and a restart would not cure it.
 */
export function assertFiniteBar(bar: Ohlcv): void {
  if (
    !Number.isFinite(bar.open) ||
    !Number.isFinite(bar.high) ||
    !Number.isFinite(bar.low) ||
    !Number.isFinite(bar.close) ||
    !Number.isFinite(bar.volume)
  ) {
    throw new RangeError(
      `bar fields must be finite numbers, got open=${bar.open} high=${bar.high} low=${bar.low} close=${bar.close} volume=${bar.volume}`,
    );
  }
}
