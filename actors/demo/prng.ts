/**
 * A seeded pseudo-random generator (mulberry32) whose whole state is one uint32, so an actor
 * can keep it in its state and snapshot it: a restored actor draws the same numbers it would
 * have drawn had it never stopped. Pure functions, no hidden state.
 */

/** FNV-1a over UTF-16 code units: a stable uint32 seed from a name such as a symbol. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One draw: a uniform number in [0, 1) and the state to draw the next one from. */
export function next(state: number): { value: number; state: number } {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: s };
}
