/** Drawdown at each point: how far equity is below its running peak, as a negative fraction. */
export function drawdowns(equity: readonly (number | null)[]): (number | null)[] {
  let peak = -Infinity;
  return equity.map((e) => {
    if (e === null || !Number.isFinite(e)) return null;
    peak = Math.max(peak, e);
    return peak > 0 ? e / peak - 1 : 0;
  });
}
