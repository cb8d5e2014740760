/**
 * The training inputs. Features are row-major (row r, feature f at `data[r * nFeatures + f]`),
 * the layout a feature pipeline produces row by row; NaN means "missing" (warm-up rows).
 */
export interface Matrix {
  readonly data: Float64Array;
  readonly nRows: number;
  readonly nFeatures: number;
}

/** Features and the target for each row: `y[r]` belongs to row r of `x`. */
export interface Dataset {
  readonly x: Matrix;
  readonly y: Float64Array;
}

/** A shape or value in the data that no model can be trained on; the message names the set and row. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Builds a Matrix, checking that the data has exactly nRows × nFeatures values. */
export function matrix(data: Float64Array | readonly number[], nRows: number, nFeatures: number): Matrix {
  if (!Number.isInteger(nRows) || nRows < 0) throw new DatasetError(`Invalid matrix: nRows must be an integer >= 0, was ${nRows}`);
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new DatasetError(`Invalid matrix: nFeatures must be an integer >= 1, was ${nFeatures}`);
  if (data.length !== nRows * nFeatures) {
    throw new DatasetError(`Invalid matrix: ${nRows} rows × ${nFeatures} features needs ${nRows * nFeatures} values, got ${data.length}`);
  }
  return { data: data instanceof Float64Array ? data : Float64Array.from(data), nRows, nFeatures };
}

/**
 * Checks a dataset before training: consistent shape, at least one row, finite targets (a NaN
 * target would poison every gradient silently). `nFeatures` is the training set's, for `valid`.
 */
export function checkDataset(name: string, d: Dataset, nFeatures = d.x.nFeatures): void {
  const { x, y } = d;
  if (x.nFeatures !== nFeatures) throw new DatasetError(`Invalid ${name} set: ${x.nFeatures} features, the training set has ${nFeatures}`);
  if (x.data.length !== x.nRows * x.nFeatures) {
    throw new DatasetError(`Invalid ${name} set: ${x.nRows} rows × ${x.nFeatures} features needs ${x.nRows * x.nFeatures} values, got ${x.data.length}`);
  }
  if (x.nRows < 1) throw new DatasetError(`Invalid ${name} set: no rows`);
  if (y.length !== x.nRows) throw new DatasetError(`Invalid ${name} set: ${x.nRows} rows but ${y.length} targets`);
  for (let r = 0; r < y.length; r++) {
    if (!Number.isFinite(y[r])) throw new DatasetError(`Invalid ${name} set: target at row ${r} was ${y[r]}`);
  }
}
