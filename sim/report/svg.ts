/** A line or area chart as inline SVG: no script, no external file, so the page stands alone. */
export interface Line {
  readonly label: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Fill down to the zero line (a drawdown). */
  readonly area?: boolean;
}

const W = 900;
const H = 260;
const PAD = { left: 70, right: 16, top: 30, bottom: 28 };

/** Time on x, value on y; `format` writes the y labels. At most ~2 points per pixel are drawn. */
export function chart(lines: readonly Line[], format: (v: number) => string, { invert = false } = {}): string {
  const all = lines.flatMap((l) => l.points);
  if (all.length === 0) return '<p class="empty">no data</p>';
  const [t0, t1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [v0, v1] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (lines.some((l) => l.area)) [v0, v1] = [Math.min(0, v0), Math.max(0, v1)];
  if (v1 === v0) [v0, v1] = [v0 - 1, v1 + 1];
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => {
    const f = (v - v0) / (v1 - v0);
    return PAD.top + (invert ? f : 1 - f) * (H - PAD.top - PAD.bottom);
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => v0 + f * (v1 - v0));
  const grid = ticks.map((v) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" class="ylab">${format(v)}</text>`);
  const dates = [0, 0.5, 1].map((f) => t0 + f * (t1 - t0));
  const xl = dates.map((t, i) => `<text x="${x(t).toFixed(1)}" y="${H - 8}" class="xlab" text-anchor="${['start', 'middle', 'end'][i]}">${new Date(t).toISOString().slice(0, 10)}</text>`);
  const paths = lines.map((l) => {
    const pts = thin(l.points, W * 2);
    const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
    if (!l.area) return `<path d="${d}" fill="none" stroke="${l.color}" stroke-width="1.5"/>`;
    const base = y(0).toFixed(1);
    return `<path d="${d}L${x(pts.at(-1)![0]).toFixed(1)},${base}L${x(pts[0]![0]).toFixed(1)},${base}Z" fill="${l.color}" fill-opacity="0.35" stroke="${l.color}" stroke-width="1"/>`;
  });
  // Above the plot, where no line runs.
  const legend = lines.map((l, i) => `<rect x="${PAD.left + i * 220}" y="8" width="10" height="10" fill="${l.color}"/><text x="${PAD.left + 14 + i * 220}" y="17" class="legend">${escapeHtml(l.label)}</text>`);
  return `<svg viewBox="0 0 ${W} ${H}" role="img">${grid.join('')}${xl.join('')}${paths.join('')}${legend.join('')}</svg>`;
}

/** Every n-th point (and the last), so a minute-sampled month stays a light page. */
function thin<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points;
  const step = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % step === 0);
  if (out.at(-1) !== points.at(-1)) out.push(points.at(-1)!);
  return out;
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
