const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      return null; // an unknown IANA name: the caller reports it
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export const isKnownTimeZone = (timeZone: string): boolean => formatterFor(timeZone) !== null;

/**
 * The UTC midnight starting the exchange-local date of `epochMs`. Yahoo stamps a daily bar with
 * its session's opening instant (13:30 UTC for New York in summer); Tickflow stores daily bars as
 * the UTC midnight of their trading date, so they land in the UTC-aligned `1d` buckets. The
 * exchange's own zone (not meta.gmtoffset, which is today's offset) decides the date.
 */
export function exchangeDateMs(epochMs: number, timeZone: string): number {
  const f = formatterFor(timeZone);
  if (!f) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  const parts = f.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'));
}
