import type { SimClock } from '../clock/sim-clock.ts';
import type { Router } from '../router/router.ts';

/**
 * Drives a system on simulated time, as a discrete-event simulation in bulk-synchronous rounds.
 * A step goes to the next event time (a scripted input on the main clock or any actor's timer),
 * then runs rounds until nothing more is sent: in each round every worker delivers the
 * messages sent in the previous one, per actor in (sender, seq) order. Nothing depends on how
 * many workers there are, where actors live, or how the OS schedules threads.
 */
export class SimDriver {
  private nextTimers: number[];
  private waiting: { pending: Set<number>; sent: number; done: () => void } | null = null;
  private running = false;
  /** A drain under way (an ask from outside): a run waits for it instead of failing. */
  private draining: Promise<void> | null = null;
  rounds = 0;

  constructor(
    private readonly router: Router,
    private readonly clock: SimClock,
  ) {
    this.nextTimers = router.slots.map(() => Infinity);
    router.onRoundDone = (index, sent, nextTimer) => {
      this.nextTimers[index] = nextTimer;
      this.roundDone(index, sent);
    };
    // A worker that dies in a round never says it is done: count it done, with something sent,
    // so another round runs once its successor is up (the engine respawns it from snapshots).
    // What it was running is lost as in any crash; the simulation goes on instead of hanging.
    router.onWorkerDied = (index) => {
      this.nextTimers[index] = Infinity;
      this.roundDone(index, 1);
    };
  }

  private roundDone(index: number, sent: number): void {
    const w = this.waiting;
    if (!w || !w.pending.delete(index)) return;
    w.sent += sent;
    if (w.pending.size === 0) {
      this.waiting = null;
      w.done();
    }
  }

  /** Schedules `input` (usually tells) at simulated `time`, on the main thread's clock. */
  at(time: number, input: () => void): void {
    this.clock.at(time, input);
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs every event up to and including `time`, then leaves the clocks at `time`. */
  async runUntil(time: number): Promise<void> {
    while (this.draining) await this.draining;
    if (this.running) throw new Error('SimDriver.runUntil is already running');
    this.running = true;
    try {
      await this.quiesce(); // what was sent before the first step
      for (;;) {
        const next = Math.min(this.clock.nextTimerAt(), ...this.nextTimers);
        if (next > time) break;
        await this.step(next);
      }
      await this.step(Math.max(time, this.clock.now()));
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs rounds at the current time until nothing moves: how an ask or a tell from outside is
   * answered between steps. A no-op while runUntil is running (its rounds carry the message).
   */
  drain(): Promise<void> {
    if (this.running) return this.draining ?? Promise.resolve();
    this.running = true;
    this.draining = this.quiesce().finally(() => {
      this.running = false;
      this.draining = null;
    });
    return this.draining;
  }

  private async step(time: number): Promise<void> {
    this.clock.advanceTo(time);
    this.router.flush();
    for (const slot of this.router.slots) slot.worker?.postMessage({ t: 'advance', time });
    await this.quiesce();
  }

  /** Rounds until a round in which no worker and not the main thread sent anything. */
  private async quiesce(): Promise<void> {
    for (let n = 0; ; n++) {
      const fromMain = this.router.flush();
      const sent = await this.round(n);
      this.router.reports.deliverInbox();
      this.rounds++;
      if (sent === 0 && fromMain === 0 && this.router.flush() === 0) return;
    }
  }

  private async round(n: number): Promise<number> {
    await Promise.all(this.router.slots.map((slot) => slot.whenReady())); // a respawning worker first
    return new Promise((resolve) => {
      const w = { pending: new Set(this.router.slots.map((s) => s.index)), sent: 0, done: () => resolve(w.sent) };
      this.waiting = w;
      for (const slot of this.router.slots) slot.worker!.postMessage({ t: 'round', n });
    });
  }
}
