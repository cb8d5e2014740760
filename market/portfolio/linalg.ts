/**
 * The little dense linear algebra the optimiser needs (a few dozen assets at most): vectors and
 * matrices as plain arrays, and one solver. No library: the sizes are small, and every step is
 * visible where the optimiser's results are checked.
 */
export type Vector = number[];
export type Matrix = number[][];

export class SingularMatrixError extends Error {
  override readonly name = 'SingularMatrixError';
}

export const dot = (a: readonly number[], b: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export const matVec = (m: readonly (readonly number[])[], v: readonly number[]): Vector => m.map((row) => dot(row, v));

/** xᵀ M x. */
export const quadForm = (m: readonly (readonly number[])[], x: readonly number[]): number => dot(x, matVec(m, x));

export const maxAbs = (v: readonly number[]): number => v.reduce((a, x) => Math.max(a, Math.abs(x)), 0);

/**
 * Solves A x = b by Gaussian elimination with partial pivoting (A is copied, not changed).
 * Throws SingularMatrixError when a pivot vanishes next to the matrix's largest entry: the
 * system has no unique answer (a covariance with a redundant asset, constraints that repeat).
 */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): Vector {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  const scale = Math.max(...a.map((row) => maxAbs(row)), 0);
  const tiny = scale * 1e-13;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > tiny)) throw new SingularMatrixError(`singular system: no pivot in column ${col} of ${n}`);
    if (pivot !== col) [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = m[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let k = col; k <= n; k++) row[k]! -= f * p[k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!;
    let s = row[n]!;
    for (let k = r + 1; k < n; k++) s -= row[k]! * x[k]!;
    x[r] = s / row[r]!;
  }
  return x;
}
