import { printOffsets } from '../../market/candles/bar-path.ts';

// The path a bar is printed along lives with the candles: matching walks the same one.
export { barPath, printOffsets } from '../../market/candles/bar-path.ts';

/** The offsets of a 1m bar's prints: 0, 20 s, 40 s and 59.999 s. */
export const PRINT_OFFSETS = printOffsets(60_000);

