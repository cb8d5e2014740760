/**
 * A built-in's state per symbol: made fresh, or rebuilt from what `save` wrote, so a restarted
 * strategy continues bit for bit (the indicators restore their exact running sums).
 */
export function perSymbol<T, S>(symbols: readonly string[], saved: unknown, make: () => T, restore: (s: S) => T): Map<string, T> {
  const from = (saved ?? {}) as Record<string, S | undefined>;
  return new Map(symbols.map((sym) => [sym, from[sym] === undefined ? make() : restore(from[sym]!)]));
}

export function save<T, S>(states: ReadonlyMap<string, T>, save: (t: T) => S): Record<string, S> {
  return Object.fromEntries([...states].map(([sym, t]) => [sym, save(t)]));
}

/** fast[t] > slow[t] and fast[t−1] ≤ slow[t−1]: up; the mirror: down; anything else (or a value missing): null. */
export function cross(prevA: number | null, prevB: number | null, a: number | null, b: number | null): 'up' | 'down' | null {
  if (prevA === null || prevB === null || a === null || b === null) return null;
  if (a > b && prevA <= prevB) return 'up';
  if (a < b && prevA >= prevB) return 'down';
  return null;
}
