/** Number and time formatting shared by the pages: one look for prices, percentages and times everywhere. */

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A price with as many decimals as its size needs: 58,224.84, 1.1822, 0.000123. */
export function price(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : abs === 0 ? 2 : Math.min(8, 3 - Math.floor(Math.log10(abs)));
  return x.toLocaleString('en-US', { minimumFractionDigits: Math.min(digits, 2), maximumFractionDigits: digits });
}

/** A percentage already in percent: +2.87%. */
export function pct(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x > 0 ? '+' : ''}${x.toFixed(digits)}%`;
}

/** A fraction as a percentage: 0.852 → 85.2%. */
export function ratio(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

export const volume = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : compact.format(x));
export const usd = (x: number | string | null | undefined): string => {
  const n = typeof x === 'string' ? Number(x) : x;
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : money.format(n);
};
/** A decimal string or number as Alpaca writes quantities: no trailing zeros. */
export const qty = (x: number | string | null | undefined): string => {
  const n = typeof x === 'string' ? Number(x) : x;
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : String(Number(n.toFixed(8)));
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms as UTC `2021-04-05 00:15` (market times are UTC throughout Tickflow). */
export function time(ms: number | string | null | undefined, withSeconds = false): string {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hm}`;
}

/** A duration in seconds, short: 0.4 s, 12 s, 3 min, 2 h. */
export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

export const int = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));

/** The CSS class of a signed figure: up, down or flat. */
export const signClass = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) || x === 0 ? 'flat' : x > 0 ? 'up' : 'down');
