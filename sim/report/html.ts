import type { Report } from './build.ts';
import { chart, escapeHtml } from './svg.ts';
import type { Metrics } from './types.ts';

const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const time = (iso: string | null) => (iso === null ? 'open' : iso.replace('T', ' ').replace(/:00\.000Z$/, 'Z'));

const ROWS: readonly [string, (m: Metrics) => string][] = [
  ['Final value', (m) => money(m.finalValue)],
  ['Total return', (m) => pct(m.totalReturn)],
  ['CAGR', (m) => pct(m.cagr)],
  ['Volatility (annualised)', (m) => pct(m.volatility)],
  ['Sharpe', (m) => num(m.sharpe)],
  ['Sortino', (m) => num(m.sortino)],
  ['Max drawdown', (m) => pct(m.maxDrawdown?.value)],
  ['Round trips', (m) => String(m.trades)],
  ['Win rate', (m) => pct(m.winRate)],
  ['Profit factor', (m) => (m.profitFactor === null ? (m.trades > 0 ? 'no losses' : '—') : num(m.profitFactor))],
  ['Exposure', (m) => pct(m.exposure)],
  ['Fees', (m) => money(m.fees)],
];

/** Drawdown from the running peak at each point, as a negative fraction. */
function drawdowns(curve: Report['equity']): [number, number][] {
  let peak = -Infinity;
  return curve.map(([t, v]) => {
    peak = Math.max(peak, v);
    return [t, peak > 0 ? v / peak - 1 : 0];
  });
}

/**
 * report.html: one file with its styles and charts inline (SVG, no script, nothing fetched), so
 * it opens anywhere and can be mailed. Equity and drawdown against the buy-and-hold benchmark,
 * the metrics side by side, the round trips with entry and exit, and every fill.
 */
export function renderHtml(r: Report): string {
  const equity = chart(
    [
      { label: 'strategy', color: '#2563eb', points: r.equity },
      { label: `buy and hold ${r.benchmark.symbols.join(', ')}`, color: '#9ca3af', points: r.benchmarkEquity },
    ],
    (v) => money(v).replace(/\.\d\d$/, ''),
  );
  const drawdown = chart(
    [
      { label: 'strategy', color: '#dc2626', points: drawdowns(r.equity), area: true },
      { label: 'buy and hold', color: '#9ca3af', points: drawdowns(r.benchmarkEquity) },
    ],
    (v) => `${(v * 100).toFixed(1)}%`,
  );
  const metrics = ROWS.map(([label, f]) => `<tr><th>${label}</th><td>${f(r.metrics)}</td><td>${f(r.benchmark.metrics)}</td></tr>`).join('');
  const trips = r.roundTrips
    .map((t, i) => `<tr class="${t.pnl >= 0 ? 'win' : 'loss'}"><td>${i + 1}</td><td>${escapeHtml(t.symbol)}</td><td>${t.direction}</td><td>${t.qty}</td><td>${time(t.entryTime)}</td><td>${money(t.entryPrice)}</td><td>${time(t.exitTime)}</td><td>${money(t.exitPrice)}</td><td>${money(t.fees)}</td><td>${money(t.pnl)}</td><td>${t.returnPct.toFixed(2)}%</td></tr>`)
    .join('');
  const fills = r.fills
    .map((f) => `<tr><td>${time(f.time)}</td><td>${escapeHtml(f.symbol)}</td><td>${f.side}</td><td>${f.qty}</td><td>${money(f.price)}</td><td>${money(f.fee)}</td><td>${escapeHtml(f.clientOrderId)}</td></tr>`)
    .join('');
  const positions = r.final.positions.map((p) => `${escapeHtml(p.symbol)} ${p.qty} @ ${money(p.lastClose)}`).join(', ') || 'none';
  const strategies = r.strategies.map((s) => `<li><b>${escapeHtml(s.id)}</b>: ${escapeHtml(s.kind)} on ${escapeHtml(s.symbols.join(', '))} ${s.timeframe}, params <code>${escapeHtml(JSON.stringify(s.params))}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.name)}: backtest report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:980px;padding:0 16px;color:#111827}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}p.sub{color:#6b7280;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:right}
th:first-child,td:first-child{text-align:left}table.metrics{max-width:520px}thead th{background:#f9fafb;text-align:right}
tr.win td:last-child,tr.win td:nth-last-child(2){color:#047857}tr.loss td:last-child,tr.loss td:nth-last-child(2){color:#b91c1c}
svg{width:100%;height:auto;background:#fff;border:1px solid #e5e7eb}.grid{stroke:#f3f4f6}.ylab{font-size:11px;fill:#6b7280;text-anchor:end}.xlab,.legend{font-size:11px;fill:#374151}
code{font-size:12px}details summary{cursor:pointer;margin:8px 0}
</style></head><body>
<h1>${escapeHtml(r.name)}</h1>
<p class="sub">${escapeHtml(r.description ?? '')} ${r.period.from.slice(0, 16).replace('T', ' ')} → ${r.period.to.slice(0, 16).replace('T', ' ')} UTC, ${r.period.barTf} bars; equity marked every ${r.period.every}.</p>
<ul>${strategies}</ul>
<p>Account <b>${escapeHtml(r.account.id)}</b>: ${money(r.account.openingCash)} opening cash, commission ${r.account.commissionPct}% of notional, slippage ${r.account.slippageBps} bps. ${escapeHtml(r.rules.fills.replace(/^./, (c) => c.toUpperCase()))}; ${escapeHtml(r.rules.valuation)}.</p>
<p>Final: cash ${money(r.final.cash)}, positions ${positions}, value <b>${money(r.final.value)}</b>.</p>
<h2>Equity</h2>${equity}
<h2>Drawdown</h2>${drawdown}
<h2>Metrics</h2>
<table class="metrics"><thead><tr><th></th><th>strategy</th><th>buy and hold</th></tr></thead><tbody>${metrics}</tbody></table>
<h2>Round trips (${r.metrics.trades} closed${r.roundTrips.length > r.metrics.trades ? `, ${r.roundTrips.length - r.metrics.trades} open at the end` : ''})</h2>
<table><thead><tr><th>#</th><th>symbol</th><th>side</th><th>qty</th><th>entry</th><th>price</th><th>exit</th><th>price</th><th>fees</th><th>P&amp;L</th><th>return</th></tr></thead><tbody>${trips}</tbody></table>
${r.rejected.length === 0 ? '' : `<details open><summary>Orders the account refused (${r.rejected.length})</summary><table><thead><tr><th>time</th><th>symbol</th><th>client order id</th><th>reason</th></tr></thead><tbody>${r.rejected.map((x) => `<tr><td>${time(x.time)}</td><td>${escapeHtml(x.symbol)}</td><td>${escapeHtml(x.clientOrderId)}</td><td>${escapeHtml(`${x.code}: ${x.message}`)}</td></tr>`).join('')}</tbody></table></details>`}
<details><summary>Fills (${r.fills.length})</summary>
<table><thead><tr><th>time</th><th>symbol</th><th>side</th><th>qty</th><th>price</th><th>fee</th><th>client order id</th></tr></thead><tbody>${fills}</tbody></table></details>
</body></html>
`;
}
