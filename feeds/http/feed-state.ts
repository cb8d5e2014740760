import type { PollState } from './poll-loop.ts';

/** A polling feed's state: its pollers' loop states, or 'missing-api-key' for one that cannot start. */
export type FeedState = PollState | 'missing-api-key';

/** Worst first: a feed of several pollers shows its worst member's state. */
const WORST_FIRST: readonly FeedState[] = ['missing-api-key', 'backing-off', 'rejected', 'polling', 'idle', 'waiting', 'stopped'];
const FAILING: ReadonlySet<FeedState> = new Set(['missing-api-key', 'backing-off', 'rejected']);

export interface FeedSummary {
  readonly state: FeedState;
  /** The members (symbols, series) failing now, worst first: without a key, backing off, rejected. */
  readonly failing: string[];
  /** The worst failing member's last error, named (`AAPL: HTTP 500`); null while none fails. */
  readonly lastError: string | null;
}

/**
 * The one line a feed of several pollers says about itself (on `feed.<name>`), and when it
 * has changed. A poller going back to 'polling' for a routine poll keeps the state its last
 * attempt left it in ('polling' counts only before its first attempt ends): otherwise a
 * healthy feed would flicker polling/waiting at every poll of every symbol.
 */
export class FeedHealth {
  private readonly states = new Map<string, FeedState>();
  private said: string | null = null;

  /** `lastErrorOf(member)`: the member's own last error (its poller's stats). */
  constructor(private readonly lastErrorOf: (member: string) => string | null) {}

  note(member: string, state: FeedState): void {
    const before = this.states.get(member);
    if (state === 'polling' && before !== undefined && before !== 'idle' && before !== 'stopped') return;
    this.states.set(member, state);
  }

  summary(): FeedSummary {
    const states = [...this.states.values()];
    const state = WORST_FIRST.find((s) => states.includes(s)) ?? 'idle';
    const failing = [...this.states].filter(([, s]) => FAILING.has(s)).sort(([, a], [, b]) => WORST_FIRST.indexOf(a) - WORST_FIRST.indexOf(b));
    const first = failing[0];
    return { state, failing: failing.map(([member]) => member), lastError: first ? `${first[0]}: ${this.lastErrorOf(first[0]) ?? first[1]}` : null };
  }

  /** The summary if its state or failing members changed since the last one returned here, else null. */
  changed(): FeedSummary | null {
    const now = this.summary();
    const key = `${now.state} ${now.failing.join(',')}`;
    if (key === this.said) return null;
    this.said = key;
    return now;
  }
}
