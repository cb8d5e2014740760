/**
 * The three quantile models are trained separately, so on an odd row q10 can come out above q50
 * (quantile crossing). Sorting the three values of each row (monotone rearrangement, Chernozhukov
 * et al. 2010) gives a valid band and never makes the pinball loss worse. Training scores the
 * rearranged forecasts and serving returns them, so the card's figures are those of what is served.
 */
export function orderQuantiles(q10: Float32Array | Float64Array, q50: Float32Array | Float64Array, q90: Float32Array | Float64Array): void {
  for (let r = 0; r < q50.length; r++) {
    let a = q10[r]!;
    let b = q50[r]!;
    let c = q90[r]!;
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    q10[r] = a;
    q50[r] = b;
    q90[r] = c;
  }
}
