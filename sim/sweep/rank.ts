import type { SweepSpec } from '../config.ts';
import type { Metrics } from '../report/types.ts';

export interface SweepRow {
  readonly rank: number;
  readonly run: number;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly finalValue: number;
  readonly totalReturn: number | null;
  readonly cagr: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly maxDrawdown: number | null;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly trades: number;
  readonly fees: number;
}

type Rankable = SweepSpec['rankBy'];

/** The figure a run is ranked on; for drawdown, smaller is better, so it is negated. Null ranks last. */
function score(row: Omit<SweepRow, 'rank'>, by: Rankable): number | null {
  if (by === 'maxDrawdown') return row.maxDrawdown === null ? null : -row.maxDrawdown;
  return row[by];
}

/** The results table: best first by `by`, ties and nulls in run order. */
export function rankRuns(runs: readonly { run: number; params: SweepRow['params']; metrics: Metrics }[], by: Rankable): SweepRow[] {
  const rows = runs.map(({ run, params, metrics: m }) => ({
    run,
    params,
    finalValue: m.finalValue,
    totalReturn: m.totalReturn,
    cagr: m.cagr,
    sharpe: m.sharpe,
    sortino: m.sortino,
    maxDrawdown: m.maxDrawdown?.value ?? null,
    winRate: m.winRate,
    profitFactor: m.profitFactor,
    trades: m.trades,
    fees: m.fees,
  }));
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [score(a, by), score(b, by)];
    if (x === null || y === null) return x === y ? a.run - b.run : x === null ? 1 : -1;
    return y - x || a.run - b.run;
  });
  return sorted.map((r, i) => ({ rank: i + 1, ...r }));
}

/** The table as text, for the terminal: the params, then the figures, best first. */
export function formatTable(rows: readonly SweepRow[], by: Rankable, limit = 20): string {
  const names = Object.keys(rows[0]?.params ?? {});
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
  const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const header = ['rank', 'run', ...names, 'final value', 'return', 'sharpe', 'sortino', 'max dd', 'win rate', 'trades'];
  const body = rows.slice(0, limit).map((r) => [String(r.rank), String(r.run), ...names.map((n) => String(r.params[n])), r.finalValue.toFixed(2), pct(r.totalReturn), num(r.sharpe), num(r.sortino), pct(r.maxDrawdown), pct(r.winRate), String(r.trades)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  const more = rows.length > limit ? `\n… ${rows.length - limit} more in report.json` : '';
  return `ranked by ${by}\n${line(header)}\n${body.map(line).join('\n')}${more}`;
}
