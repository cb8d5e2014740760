import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../report/svg.ts';
import { reportJson, writeReport } from '../report/write.ts';
import type { RunResult } from '../run/harness.ts';
import type { SweepRow } from './rank.ts';

/** What a sweep's report.json holds: the ranked table, the best run, and the benchmark every run is beside. */
export function sweepSummary(result: RunResult) {
  const sweep = result.sweep!;
  const best = sweep.rows[0]!;
  const first = result.reports[0]!.report;
  return {
    name: first.name.replace(/ #\d+$/, ''),
    period: first.period,
    runs: result.reports.length,
    rankBy: sweep.rankBy,
    best: { run: best.run, params: best.params },
    benchmark: { kind: first.benchmark.kind, symbols: first.benchmark.symbols, metrics: first.benchmark.metrics },
    rows: sweep.rows,
  };
}

/** <out>/report.json and report.html (the table), <out>/best/ the best run's full report. */
export function writeSweep(out: string, result: RunResult): { json: string; html: string; best: string } {
  mkdirSync(out, { recursive: true });
  const summary = sweepSummary(result);
  const json = join(out, 'report.json');
  const html = join(out, 'report.html');
  writeFileSync(json, reportJson(summary));
  writeFileSync(html, sweepHtml(summary.name, summary.rankBy, summary.rows));
  const best = join(out, 'best');
  writeReport(best, result.reports.find((r) => r.run === summary.best.run)!.report);
  return { json, html, best };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));

function sweepHtml(name: string, rankBy: string, rows: readonly SweepRow[]): string {
  const names = Object.keys(rows[0]?.params ?? {});
  const head = ['rank', 'run', ...names, 'final value', 'return', 'CAGR', 'Sharpe', 'Sortino', 'max drawdown', 'win rate', 'profit factor', 'trades', 'fees'];
  const body = rows
    .map((r) =>
      [r.rank, r.run, ...names.map((n) => escapeHtml(String(r.params[n]))), r.finalValue.toFixed(2), pct(r.totalReturn), pct(r.cagr), num(r.sharpe), num(r.sortino), pct(r.maxDrawdown), pct(r.winRate), num(r.profitFactor), r.trades, r.fees.toFixed(2)]
        .map((c) => `<td>${c}</td>`)
        .join(''),
    )
    .map((cells) => `<tr>${cells}</tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)}: sweep</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:right}thead th{background:#f9fafb}</style>
</head><body><h1>${escapeHtml(name)}</h1><p>${rows.length} runs ranked by ${escapeHtml(rankBy)}, best first. The best run's full report: <a href="best/report.html">best/report.html</a>.</p>
<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></body></html>
`;
}
