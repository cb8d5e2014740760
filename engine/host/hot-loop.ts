import type { Clock } from '../clock/clock.ts';
import { nextMacrotask } from '../clock/macrotask.ts';

/**
 * Keeping a thread's event loop hot for a short window instead of parking it, as low-latency
 * engines do (Aeron's and the LMAX Disruptor's idle strategies). A parked thread takes ~50 µs
 * to wake on a loaded VM; a hot one sees a post at its next tick. Workers stay hot for
 * `spinMs` after each turn; the main thread while an ask is outstanding. The cost is at most
 * `spinMs` of a core after a burst of activity, nothing when idle.
 */
export class HotLoop {
  private hotUntil = 0;
  private spinning = false;

  /** @param stop ends the spin early (there is work to do, or nothing left to wait for) */
  constructor(
    private readonly clock: Clock,
    private readonly spinMs: number,
    private readonly stop: () => boolean,
  ) {}

  keepHot(): void {
    if (this.spinMs <= 0) return;
    this.hotUntil = this.clock.monotonic() + this.spinMs;
    if (this.spinning) return;
    this.spinning = true;
    nextMacrotask(this.tick);
  }

  private readonly tick = (): void => {
    if (!this.stop() && this.clock.monotonic() < this.hotUntil) nextMacrotask(this.tick);
    else this.spinning = false;
  };
}
