// The instrument registry: every symbol Tickflow knows, with its class, venue, sector, quote
// currency (or unit) and tick size. It is built from parsed data (instruments.json is the default
// universe: the 8 Binance pairs, the 40 US stocks, SPY and the 5 FRED series of data/) and does no
// I/O; config/instruments.ts reads the file.
//
// Symbols are stored upper-case and looked up case-insensitively. Choices in instruments.json:
// - SPY is class 'stock' on nyse-arca with sector 'ETF': it trades and is held exactly like a
//   share, and GICS does not classify funds, so 'ETF' keeps "every stock has a sector" true.
// - Sectors are today's GICS sectors (after the 2018 move to Communication Services and the
//   2023 move of Visa and Mastercard to Financials), not those of the 2013-2018 price history.
// - Crypto tick sizes are Binance's for the bundled April 2021 data, so every bundled price lies
//   on its tick; stocks tick at 0.01 (adjusted history may not); a macro series' tick is the
//   precision it is published with.
import type { z } from 'zod';
import { type Instrument, type InstrumentClass, instrumentFileSchema } from './schema.ts';

export type RegistryResult = { ok: true; registry: InstrumentRegistry } | { ok: false; error: string };

const MAX_SUGGESTIONS = 3;

export class UnknownSymbolError extends Error {
  override readonly name = 'UnknownSymbolError';
  constructor(
    readonly symbol: string,
    readonly suggestions: readonly string[],
  ) {
    const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : 'no known symbol is close';
    super(`Unknown symbol ${JSON.stringify(symbol)}: ${hint}`);
  }
}

export class InstrumentRegistry {
  private readonly instruments: readonly Instrument[];
  private readonly bySymbol: ReadonlyMap<string, Instrument>;

  private constructor(instruments: readonly Instrument[]) {
    this.instruments = Object.freeze([...instruments]);
    this.bySymbol = new Map(instruments.map((i) => [i.symbol, i]));
  }

  /** Validates an instrument file's parsed JSON; never throws. */
  static fromJson(value: unknown): RegistryResult {
    const parsed = instrumentFileSchema.safeParse(value);
    if (!parsed.success) return { ok: false, error: parsed.error.issues.map(describeIssue).join('; ') };
    return { ok: true, registry: new InstrumentRegistry(parsed.data.instruments.map((i) => Object.freeze(i))) };
  }

  /** The instrument for a symbol, in any case; throws UnknownSymbolError naming the closest symbols. */
  get(symbol: string): Instrument {
    const found = this.find(symbol);
    if (found) return found;
    throw new UnknownSymbolError(symbol, closestSymbols(normalise(symbol), [...this.bySymbol.keys()]));
  }

  find(symbol: string): Instrument | undefined {
    return this.bySymbol.get(normalise(symbol));
  }

  all(): readonly Instrument[] {
    return this.instruments;
  }

  byClass(cls: InstrumentClass): Instrument[] {
    return this.instruments.filter((i) => i.class === cls);
  }

  /** Sorted, unique. */
  sectors(): string[] {
    return [...new Set(this.instruments.flatMap((i) => (i.sector === undefined ? [] : [i.sector])))].sort();
  }

  /**
   * Case-insensitive, best first: exact symbol, then symbol prefix, then a word of the name
   * starting with the query, then the query anywhere in the name; by symbol within a rank.
   */
  search(query: string, limit = 10): Instrument[] {
    const q = query.trim().toLowerCase();
    if (q === '' || limit <= 0) return [];
    const ranked: { rank: number; instrument: Instrument }[] = [];
    for (const instrument of this.instruments) {
      const rank = searchRank(q, instrument);
      if (rank !== undefined) ranked.push({ rank, instrument });
    }
    ranked.sort((a, b) => a.rank - b.rank || bySymbolOrder(a.instrument.symbol, b.instrument.symbol));
    return ranked.slice(0, limit).map((r) => r.instrument);
  }
}

const normalise = (symbol: string) => symbol.trim().toUpperCase();
// Code-unit order, not localeCompare: the same order on every machine whatever its locale.
const bySymbolOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function searchRank(q: string, { symbol, name }: Instrument): number | undefined {
  const s = symbol.toLowerCase();
  const n = name.toLowerCase();
  if (s === q) return 0;
  if (s.startsWith(q)) return 1;
  if (n.split(/[^a-z0-9]+/).some((word) => word.startsWith(q))) return 2;
  if (n.includes(q)) return 3;
  return undefined;
}

/**
 * Symbols the query abbreviates first, then the nearest misspellings: only those at the smallest
 * edit distance found, within a typo or two (more for longer queries), so BTCUSTD suggests
 * BTCUSDT and not also LTCUSDT.
 */
function closestSymbols(query: string, known: string[]): string[] {
  const maxDistance = Math.max(1, Math.floor(query.length / 3));
  const candidates = known
    .map((symbol) => ({ symbol, prefix: query !== '' && symbol.startsWith(query), distance: editDistance(query, symbol) }))
    .filter((c) => c.prefix || c.distance <= maxDistance);
  const nearest = Math.min(...candidates.map((c) => c.distance));
  return candidates
    .filter((c) => c.prefix || c.distance === nearest)
    .sort((a, b) => Number(b.prefix) - Number(a.prefix) || a.distance - b.distance || bySymbolOrder(a.symbol, b.symbol))
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.symbol);
}

/** Levenshtein distance where swapping two adjacent characters (BTCUSTD) counts as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** `instruments[3].sector: stock XOM must have a sector`: the path a person can find in the file. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
