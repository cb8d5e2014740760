import type { Loss } from './params.ts';
import { quantileInPlace } from './quantile.ts';

/**
 * The two losses. Both have a unit hessian (squared error's is 1; pinball loss's is 0 almost
 * everywhere and is taken as 1, as LightGBM does), so split search needs gradient sums and row
 * counts only: the row count is the hessian sum.
 */

/** Writes d loss / d prediction for every row into `grad`. */
export function gradients(loss: Loss, y: Float64Array, pred: Float64Array, grad: Float64Array): void {
  if (loss.kind === 'squared') {
    for (let r = 0; r < y.length; r++) grad[r] = pred[r]! - y[r]!;
    return;
  }
  // Pinball loss: a prediction below the target costs alpha per unit, above it (1 - alpha).
  const { alpha } = loss;
  for (let r = 0; r < y.length; r++) grad[r] = y[r]! > pred[r]! ? -alpha : 1 - alpha;
}

/** Mean loss over all rows: MSE, or mean pinball loss; what progress reports and early stopping watch. */
export function meanLoss(loss: Loss, y: Float64Array, pred: Float64Array): number {
  let sum = 0;
  if (loss.kind === 'squared') {
    for (let r = 0; r < y.length; r++) sum += (y[r]! - pred[r]!) ** 2;
  } else {
    const { alpha } = loss;
    for (let r = 0; r < y.length; r++) {
      const e = y[r]! - pred[r]!;
      sum += e >= 0 ? alpha * e : (alpha - 1) * e;
    }
  }
  return sum / y.length;
}

/** The constant the trees start from: the mean, or the alpha-quantile, of the training targets. */
export function baseScore(loss: Loss, y: Float64Array): number {
  if (loss.kind === 'quantile') return quantileInPlace(Float64Array.from(y), loss.alpha);
  let sum = 0;
  for (let r = 0; r < y.length; r++) sum += y[r]!;
  return sum / y.length;
}

/**
 * A leaf's raw value (before shrinkage) for the rows `rows[start..end)`: the mean residual for
 * squared error (= -gradient sum / count); for pinball loss the alpha-quantile of the residuals,
 * because the gradient step only says which way to move, not how far (LightGBM and sklearn
 * re-fit quantile leaves the same way). `scratch` holds at least end - start values.
 */
export function leafValue(loss: Loss, rows: Uint32Array, start: number, end: number, gradSum: number, y: Float64Array, pred: Float64Array, scratch: Float64Array): number {
  if (loss.kind === 'squared') return -gradSum / (end - start);
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    scratch[i - start] = y[r]! - pred[r]!;
  }
  return quantileInPlace(scratch.subarray(0, end - start), loss.alpha);
}
