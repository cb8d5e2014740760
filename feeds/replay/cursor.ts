import type { Bar } from '../../market/candles/candle.ts';
import { barPath, PRINT_OFFSETS } from './prints.ts';

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

  constructor(
    readonly symbols: readonly string[],
    private readonly bars: readonly (readonly Bar[])[],
    readonly loop: boolean,
    state?: CursorState,
  ) {
    this.s = state ? structuredClone(state) : { next: bars.map(() => 0), step: 0, offset: 0, loops: 0 };
    const first = Math.min(...bars.map((b) => b[0]?.openTime ?? Infinity));
    const last = Math.max(...bars.map((b) => b.at(-1)?.openTime ?? -Infinity));
    this.span = last - first + 60_000;
  }

  /** The time of the next step, or null when a non-looping replay is over. */
  peekTime(): number | null {
    const t = this.nextBarTime();
    if (t === null) return this.loop && this.span > 0 ? this.restartTime() : null;
    return t + this.s.offset + PRINT_OFFSETS[this.s.step]!;
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
    const time = t + this.s.offset + PRINT_OFFSETS[step]!;
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
