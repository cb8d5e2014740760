import { type BinnedMatrix, MISSING_BIN } from './bins.ts';
import { buildHistogram, HistogramPool, subtractHistogram } from './histogram.ts';
import { leafValue } from './loss.ts';
import type { Tree } from './model.ts';
import type { Loss } from './params.ts';
import { findBestSplit, type Split } from './split.ts';

export interface TreeShape {
  readonly loss: Loss;
  readonly maxDepth: number;
  readonly minLeaf: number;
  readonly learningRate: number;
}

/** A new tree, plus the bin of each split so training can apply it to binned rows. */
export interface GrownTree {
  readonly tree: Tree;
  readonly splitBin: number[];
}

/**
 * Grows one tree depth-first over the rows a boosting round samples. All buffers (row order,
 * histograms, residuals) are allocated once per training run and reused for every node and tree.
 */
export class TreeBuilder {
  readonly #pool: HistogramPool;
  readonly #spill: Uint32Array;
  readonly #residuals: Float64Array;
  readonly #cutCounts: Uint16Array;
  readonly #split: Split = { feature: 0, bin: 0, gain: 0, leftGrad: 0 };
  #rows: Uint32Array = new Uint32Array(0);
  #grad: Float64Array = new Float64Array(0);
  #pred: Float64Array = new Float64Array(0);
  #nodes: { feature: number[]; threshold: number[]; left: number[]; right: number[]; value: number[]; splitBin: number[] } = emptyNodes();

  constructor(
    readonly binned: BinnedMatrix,
    readonly cuts: readonly Float64Array[],
    readonly y: Float64Array,
    readonly shape: TreeShape,
  ) {
    this.#pool = new HistogramPool(binned.nFeatures);
    this.#spill = new Uint32Array(binned.nRows);
    this.#residuals = new Float64Array(binned.nRows);
    this.#cutCounts = Uint16Array.from(cuts, (c) => c.length);
  }

  /**
   * Grows a tree on `rows[0..count)` (ascending row indices) for the current gradients, and adds
   * its output to `pred` for those rows (reordering them); other rows need addTreeOutput.
   */
  grow(rows: Uint32Array, count: number, grad: Float64Array, pred: Float64Array): GrownTree {
    this.#rows = rows;
    this.#grad = grad;
    this.#pred = pred;
    this.#nodes = emptyNodes();
    let gradSum = 0;
    for (let i = 0; i < count; i++) gradSum += grad[rows[i]!]!;
    const hist = this.#mayGrow(count, 0) ? this.#pool.acquire() : null;
    if (hist) buildHistogram(hist, this.binned, grad, rows, 0, count);
    this.#node(0, count, 0, hist, gradSum);
    const { splitBin, ...tree } = this.#nodes;
    return { tree, splitBin };
  }

  #mayGrow(count: number, depth: number): boolean {
    return depth < this.shape.maxDepth && count >= 2 * this.shape.minLeaf;
  }

  /** Adds the node for rows[start..end) and its subtree; takes ownership of `hist` (null: must be a leaf). */
  #node(start: number, end: number, depth: number, hist: Float64Array | null, gradSum: number): number {
    const nodes = this.#nodes;
    const id = nodes.feature.length;
    nodes.feature.push(-1);
    nodes.threshold.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    nodes.value.push(0);
    nodes.splitBin.push(-1);
    if (!hist || !findBestSplit(hist, this.#cutCounts, gradSum, end - start, this.shape.minLeaf, this.#split)) {
      if (hist) this.#pool.release(hist);
      const raw = leafValue(this.shape.loss, this.#rows, start, end, gradSum, this.y, this.#pred, this.#residuals);
      const value = Math.fround(this.shape.learningRate * raw);
      nodes.value[id] = value;
      // The leaf's rows are known here, so their predictions move now, without a walk down the
      // tree. Leaves hold disjoint rows, so no other leaf's residuals change.
      for (let i = start; i < end; i++) this.#pred[this.#rows[i]!]! += value;
      return id;
    }
    const { feature, bin, leftGrad } = this.#split;
    const mid = this.#partition(start, end, feature, bin);
    const [leftHist, rightHist] = this.#childHistograms(hist, start, mid, end, depth + 1);
    nodes.feature[id] = feature;
    nodes.threshold[id] = this.cuts[feature]![bin]!;
    nodes.splitBin[id] = bin;
    nodes.left[id] = this.#node(start, mid, depth + 1, leftHist, leftGrad);
    nodes.right[id] = this.#node(mid, end, depth + 1, rightHist, gradSum - leftGrad);
    return id;
  }

  /**
   * Histograms of the children that may split: the smaller child is summed, the larger is the
   * parent minus it (LightGBM's subtraction trick), which halves the work of each level.
   */
  #childHistograms(parent: Float64Array, start: number, mid: number, end: number, depth: number): [Float64Array | null, Float64Array | null] {
    const growLeft = this.#mayGrow(mid - start, depth);
    const growRight = this.#mayGrow(end - mid, depth);
    if (!growLeft && !growRight) {
      this.#pool.release(parent);
      return [null, null];
    }
    const small = this.#pool.acquire();
    const leftIsSmall = mid - start <= end - mid;
    if (leftIsSmall) buildHistogram(small, this.binned, this.#grad, this.#rows, start, mid);
    else buildHistogram(small, this.binned, this.#grad, this.#rows, mid, end);
    subtractHistogram(parent, small);
    const left = leftIsSmall ? small : parent;
    const right = leftIsSmall ? parent : small;
    if (!growLeft) this.#pool.release(left);
    if (!growRight) this.#pool.release(right);
    return [growLeft ? left : null, growRight ? right : null];
  }

  /** Stable partition of rows[start..end): left rows first, in their order; returns the first right index. */
  #partition(start: number, end: number, feature: number, bin: number): number {
    const rows = this.#rows;
    const spill = this.#spill;
    const { bins, nRows } = this.binned;
    const column = feature * nRows;
    let l = start;
    let k = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const b = bins[column + r]!;
      if (b <= bin || b === MISSING_BIN) rows[l++] = r;
      else spill[k++] = r;
    }
    rows.set(spill.subarray(0, k), l);
    return l;
  }
}

function emptyNodes() {
  return { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], value: [] as number[], splitBin: [] as number[] };
}

/** Adds a grown tree's output to `pred` for the rows `rows[start..end)` of a binned matrix. */
export function addTreeOutput(grown: GrownTree, binned: BinnedMatrix, pred: Float64Array, rows: Uint32Array, start: number, end: number): void {
  // Typed copies: the walk below runs for every row and tree, and packed int arrays keep it tight.
  const feature = Int32Array.from(grown.tree.feature);
  const left = Int32Array.from(grown.tree.left);
  const right = Int32Array.from(grown.tree.right);
  const splitBin = Int32Array.from(grown.splitBin);
  const value = Float64Array.from(grown.tree.value);
  const { bins, nRows } = binned;
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    let node = 0;
    for (let f = feature[0]!; f >= 0; f = feature[node]!) {
      const b = bins[f * nRows + r]!;
      node = b <= splitBin[node]! || b === MISSING_BIN ? left[node]! : right[node]!;
    }
    pred[r]! += value[node]!;
  }
}
