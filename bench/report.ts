// Shared output for benches. The last line a bench prints is one JSON object,
// so tools can read results with `tail -n 1`. Absolute figures depend on the
// machine; each is printed beside a baseline measured in the same run, and
// the ratio between them is what carries from machine to machine.

export interface BenchResult {
  bench: string;
  value: number; // headline figure
  unit: string;
  baseline: number; // same unit, measured in the same run
  [extra: string]: unknown;
}

// Three significant digits: enough to compare runs, not so many that noise looks like signal.
export function round3(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(3));
}

export function report(r: BenchResult): void {
  const ratio = r.baseline === 0 ? null : round3(r.value / r.baseline);
  const { bench, value, unit, baseline, ...extra } = r;
  // Fixed key order: the required fields first, then the bench's own figures.
  console.log(JSON.stringify({ bench, value, unit, baseline, ratio, ...extra }));
}

// Nearest-rank percentile, p in [0, 100]. Sorts a copy, so callers may pass raw samples.
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(rank - 1, 0)]!;
}

// Human-readable rate: 1234567 -> "1.23M".
export function formatRate(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}
