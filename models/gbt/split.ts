import { MISSING_BIN } from './bins.ts';
import { CELLS_PER_FEATURE } from './histogram.ts';

/**
 * Best split of a node from its histogram. A split (feature f, bin b) sends value bins 0..b and
 * the missing bin left, bins b+1.. right: missing values always go left, the direction the
 * exported ONNX nodes declare with nodes_missing_value_tracks_true = 1.
 */
export interface Split {
  feature: number;
  bin: number;
  gain: number;
  leftGrad: number;
}

/**
 * A gain smaller than this fraction of its own terms is rounding noise (e.g. every row with the
 * same pinball gradient), not structure: splitting on it would only add nodes.
 */
const RELATIVE_GAIN_FLOOR = 1e-10;

/**
 * Writes the best split into `best` and returns true, or returns false when no split leaves
 * `minLeaf` rows on both sides and reduces the loss. Gain is the drop in squared-gradient loss,
 * GL²/CL + GR²/CR - G²/C (unit hessians). Ties keep the lower feature and bin, so the tree
 * does not depend on anything but the data.
 */
export function findBestSplit(hist: Float64Array, cutCounts: Uint16Array, totalGrad: number, totalCount: number, minLeaf: number, best: Split): boolean {
  const parentScore = (totalGrad * totalGrad) / totalCount;
  let found = false;
  best.gain = 0;
  for (let f = 0; f < cutCounts.length; f++) {
    const nCuts = cutCounts[f]!;
    if (nCuts === 0) continue;
    const base = f * CELLS_PER_FEATURE;
    const missing = base + (MISSING_BIN << 1);
    let leftGrad = hist[missing]!;
    let leftCount = hist[missing + 1]!;
    // The last value bin has no cut above it: everything would go left.
    for (let b = 0; b < nCuts; b++) {
      const binCount = hist[base + (b << 1) + 1]!;
      // An empty bin moves no row: the same split as the bin before, already scored. (Bin 0 is
      // always scored: with it empty, that split is "missing values versus the rest".)
      if (binCount === 0 && b > 0) continue;
      leftGrad += hist[base + (b << 1)]!;
      leftCount += binCount;
      if (leftCount < minLeaf) continue;
      const rightCount = totalCount - leftCount;
      if (rightCount < minLeaf) break;
      const rightGrad = totalGrad - leftGrad;
      const childScore = (leftGrad * leftGrad) / leftCount + (rightGrad * rightGrad) / rightCount;
      const gain = childScore - parentScore;
      if (gain > best.gain && gain > RELATIVE_GAIN_FLOOR * childScore) {
        best.feature = f;
        best.bin = b;
        best.gain = gain;
        best.leftGrad = leftGrad;
        found = true;
      }
    }
  }
  return found;
}
