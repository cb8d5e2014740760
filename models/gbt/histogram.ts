import { type BinnedMatrix, MISSING_BIN } from './bins.ts';

/**
 * Gradient histograms: per feature and bin, the sum of gradients and the number of rows (the
 * hessian sum, see loss.ts), interleaved in one Float64Array at `(f * 256 + bin) * 2`.
 */
export const CELLS_PER_FEATURE = (MISSING_BIN + 1) * 2;

/** Sums `grad` over `rows[start..end)` into `hist`, feature by feature (one binned column at a time). */
export function buildHistogram(hist: Float64Array, binned: BinnedMatrix, grad: Float64Array, rows: Uint32Array, start: number, end: number): void {
  hist.fill(0);
  const { bins, nRows, nFeatures } = binned;
  for (let f = 0; f < nFeatures; f++) {
    const column = f * nRows;
    const base = f * CELLS_PER_FEATURE;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const cell = base + (bins[column + r]! << 1);
      hist[cell]! += grad[r]!;
      hist[cell + 1]! += 1;
    }
  }
}

/** parent -= child, in place: the sibling's histogram without another pass over its rows. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i]! -= child[i]!;
}

/**
 * Reusable histogram buffers. A depth-first build holds at most one pending sibling per level,
 * so a pool of about maxDepth + 2 buffers serves a whole training run without new allocations.
 */
export class HistogramPool {
  readonly #free: Float64Array[] = [];

  constructor(readonly nFeatures: number) {}

  acquire(): Float64Array {
    return this.#free.pop() ?? new Float64Array(this.nFeatures * CELLS_PER_FEATURE);
  }

  release(hist: Float64Array): void {
    this.#free.push(hist);
  }
}
