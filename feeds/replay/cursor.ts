import type { Bar } from '../../market/candles/candle.ts';
import { barPath, printOffsets } from './prints.ts';

export interface ReplayPrint {
  symbol: number; // index into the cursor's symbols
  time: number;
  price: number;
  qty: number;
}

export interface CursorState {
  /** Next bar index per symbol; a bar is emitted as four steps (its prints), `step` is where we are in it. */
  next: number[];
  step: number;
  /** Added to every timestamp: a looped replay keeps going forward in time. */
  offset: number;
  loops: number;
}

/**
 * Walks several symbols' bars in timestamp order, one print step at a time: the open prints of
 * every symbol whose bar starts next, then their first extremes, and so on. Pure and
 * snapshot-able, so a restarted feed resumes where it was, and deterministic, so a replay is.
 */
export class ReplayCursor {
  private s: CursorState;
  private readonly span: number;
  private readonly first: number;
  private readonly offsets: readonly number[];

  constructor(
    readonly symbols: readonly string[],
    private readonly bars: readonly (readonly Bar[])[],
    readonly loop: boolean,
    state?: CursorState,
    /** How long each bar lasts: 1m klines, or 1d for daily stocks and macro series. */
    barMs = 60_000,
  ) {
    this.offsets = printOffsets(barMs);
    this.s = state ? structuredClone(state) : { next: bars.map(() => 0), step: 0, offset: 0, loops: 0 };
    this.first = Math.min(...bars.map((b) => b[0]?.openTime ?? Infinity));
    const last = Math.max(...bars.map((b) => b.at(-1)?.openTime ?? -Infinity));
    this.span = last - this.first + barMs;
  }

  /**
   * Moves to just after what was already replayed and stored: `stored[i]` is the open time of
   * symbol i's newest stored bar (loop offset included), or null when it has none. The loop is
   * the one the least advanced symbol is in; each symbol starts at its first bar after its own mark.
   */
  resumeAfter(stored: readonly (number | null)[]): void {
    const marks = stored.filter((t): t is number => t !== null);
    if (marks.length === 0) return;
    const loops = this.loop && this.span > 0 ? Math.max(0, Math.floor((Math.min(...marks) - this.first) / this.span)) : 0;
    const offset = loops * this.span;
    const next = this.bars.map((bars, i) => {
      const mark = stored[i] ?? -Infinity;
      let lo = 0;
      let hi = bars.length; // first bar whose time (in this loop) is after the mark
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (bars[mid]!.openTime + offset > mark) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    });
    this.s = { next, step: 0, offset, loops };
  }

  /** True once a non-looping replay has emitted everything. */
  get done(): boolean {
    return this.peekTime() === null;
  }

  /** The time of the next step, or null when a non-looping replay is over. */
  peekTime(): number | null {
    const t = this.nextBarTime();
    if (t === null) return this.loop && this.span > 0 ? this.restartTime() : null;
    return t + this.s.offset + this.offsets[this.s.step]!;
  }

  /** Emits the next step's prints (all symbols with a bar at that time) into `out`; returns its time. */
  step(out: ReplayPrint[]): number | null {
    let t = this.nextBarTime();
    if (t === null) {
      if (!this.loop || this.span <= 0) return null;
      this.s.next = this.s.next.map(() => 0);
      this.s.offset += this.span;
      this.s.loops++;
      t = this.nextBarTime()!;
    }
    const step = this.s.step;
    const time = t + this.s.offset + this.offsets[step]!;
    for (let i = 0; i < this.bars.length; i++) {
      const bar = this.bars[i]![this.s.next[i]!];
      if (bar?.openTime !== t) continue;
      out.push({ symbol: i, time, price: barPath(bar)[step]!, qty: step === 3 ? bar.volume : 0 });
      if (step === 3) this.s.next[i]!++;
    }
    this.s.step = (step + 1) % 4;
    return time;
  }

  get loops(): number {
    return this.s.loops;
  }

  getState(): CursorState {
    return structuredClone(this.s);
  }

  private nextBarTime(): number | null {
    let t = Infinity;
    for (let i = 0; i < this.bars.length; i++) {
      const bar = this.bars[i]![this.s.next[i]!];
      if (bar && bar.openTime < t) t = bar.openTime;
    }
    return t === Infinity ? null : t;
  }

  private restartTime(): number {
    return Math.min(...this.bars.map((b) => b[0]?.openTime ?? Infinity)) + this.s.offset + this.span;
  }
}
