import * as jsc from 'bun:jsc';

interface Frame {
  readonly name: string;
  readonly sourceURL?: string;
  readonly line: number;
}

/** In bun:jsc at run time, not in its types: the traces the sampling profiler has taken on this thread. */
const stackTraces = () => (jsc as unknown as { samplingProfilerStackTraces(): { traces: { frames: Frame[] }[] } }).samplingProfilerStackTraces();

export interface ThreadProfile {
  /** Samples taken, and the share of them in which the thread was running code (not waiting for a message). */
  readonly samples: number;
  readonly busy: number;
  /** Busy samples by what they were doing (BUCKETS), as shares of the busy samples. */
  readonly buckets: Readonly<Record<string, number>>;
  /** Functions by the share of busy samples they were running in themselves, and anywhere on the stack. */
  readonly self: readonly { readonly fn: string; readonly pct: number }[];
  readonly total: readonly { readonly fn: string; readonly pct: number }[];
}

const ROOT = new URL('../../', import.meta.url).pathname;
const frameName = (f: Frame) => `${f.name || '(anonymous)'} ${(f.sourceURL ?? '[native]').replace(ROOT, '')}${f.line > 0 && f.line < 1e9 ? `:${f.line}` : ''}`;

/**
 * What a sample was doing, by the first of these that any frame of its stack matches: a
 * structuredClone inside a snapshot is the snapshot's, a SQLite call inside the account is the log's.
 */
export const BUCKETS: readonly { readonly name: string; readonly match: RegExp }[] = [
  { name: 'actor snapshots', match: /^(snapshot|restore) (engine\/host\/lifecycle|actors\/strategy\/behaviour|actors\/symbol\/behaviour)/ },
  { name: 'posting batches to the main thread', match: /^(flush|flushTo|postMessage) (engine\/host\/host|\[native\])/ },
  { name: 'account event log (SQLite)', match: /(storage\/sqlite\/|bun:sqlite)/ },
  { name: 'account (matching, risk, state)', match: /(actors\/account\/|market\/matching\/|market\/risk\/|market\/orders\/)/ },
  { name: 'symbol actor (candles, indicators)', match: /(actors\/symbol\/|market\/candles\/|market\/indicators\/)/ },
  { name: 'strategies (actor, runner, built-ins)', match: /(actors\/strategy\/|strategies\/)/ },
  { name: 'zod checks at the worker boundary', match: /node_modules\/zod\// },
  { name: 'sim feed, reveal, driver', match: /(sim\/|engine\/sim\/)/ },
  { name: 'engine (mailboxes, delivery, turns)', match: /engine\// },
];

/** The JSC sampling profiler's traces of this thread so far, folded into the functions and buckets that took the time. */
export function threadProfile(top = 30): ThreadProfile {
  const { traces } = stackTraces();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const buckets = new Map<string, number>();
  let busy = 0;
  for (const t of traces) {
    if (t.frames.length === 0) continue;
    busy++;
    const names = t.frames.map(frameName);
    self.set(names[0]!, (self.get(names[0]!) ?? 0) + 1);
    for (const name of new Set(names)) total.set(name, (total.get(name) ?? 0) + 1);
    const bucket = BUCKETS.find((b) => names.some((n) => b.match.test(n)))?.name ?? 'other';
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const share = (n: number) => Math.round((n / Math.max(1, busy)) * 1000) / 1000;
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, n]) => ({ fn, pct: Math.round(share(n) * 1000) / 10 }));
  return {
    samples: traces.length,
    busy: traces.length === 0 ? 0 : busy / traces.length,
    buckets: Object.fromEntries([...buckets].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, share(n)])),
    self: rank(self),
    total: rank(total),
  };
}
