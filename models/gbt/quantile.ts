/**
 * The alpha-quantile of some values, with linear interpolation between order statistics
 * (numpy's default). Quickselect instead of a sort: quantile leaves need it for every leaf of
 * every tree, and selection is linear time. Reorders `values`; they must not contain NaN.
 */
export function quantileInPlace(values: Float64Array, alpha: number): number {
  const n = values.length;
  const pos = alpha * (n - 1);
  const k = Math.floor(pos);
  selectInPlace(values, k);
  const low = values[k]!;
  if (pos === k) return low;
  // After selection everything above k is >= values[k]; the next order statistic is their minimum.
  let high = Infinity;
  for (let i = k + 1; i < n; i++) if (values[i]! < high) high = values[i]!;
  return low + (pos - k) * (high - low);
}

/** Reorders `a` so that a[k] is its k-th smallest value, smaller or equal values before it. */
function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi - lo > 16) {
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  // Short ranges: insertion sort.
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
