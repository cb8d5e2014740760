/**
 * A replay speed as people write it: `1x` (real time), `60x` or `60` (a 1m bar a second), `max`
 * (as fast as it goes, which the replay feed calls 0). Returns the multiple, or null if the
 * text is none of these.
 */
export function parseSpeed(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'max' || t === '0' || t === '0x') return 0;
  const m = /^(\d+(?:\.\d+)?|\.\d+)x?$/.exec(t);
  const n = m ? Number(m[1]) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

export const SPEED_FORMS = '1x (real time), Nx or N (N times real time), or max';
