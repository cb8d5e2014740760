import type { ActorSystem } from '../engine/index.ts';
import { address } from '../engine/names.ts';
import { drawdownSeries } from '../market/analytics/index.ts';
import { riskTopic, type DrawdownMsg } from './topics.ts';

/** What an account's `history` ask answers (actors/account HistoryReply). */
interface History {
  openingCash: number;
  time: number;
  samples: (readonly [number, number])[];
}

export interface DrawdownWatchOptions {
  readonly system: Pick<ActorSystem, 'ask' | 'publish'>;
  /** The paper accounts now (the store's list: accounts created later are picked up at the next look). */
  readonly accounts: () => readonly string[];
  /** Alert when equity is this fraction or more below its high (0.1: 10%). */
  readonly threshold: number;
  readonly askTimeoutMs?: number;
  readonly onError?: (accountId: string, error: unknown) => void;
}

/**
 * Finds the risk event no actor publishes: an account's equity falling past the alert threshold
 * below its high. At each look (`check`, every `everyMs` once started) it asks every account
 * its equity history (actors/account `history`), takes the drawdown of the newest reading from
 * the running high (market/analytics), and publishes `risk.<account>` when it crosses the
 * threshold. It fires once per crossing: it re-arms only once the drawdown is back under half
 * the threshold, so equity hovering at the line does not send a notification a look.
 *
 * It runs beside the edge, on the main thread, because an actor cannot ask another; a look costs
 * one ask per account. Market time (the reading's) stamps the event, not the wall.
 */
export class DrawdownWatch {
  private readonly alerted = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<DrawdownMsg[]> | null = null;

  constructor(private readonly o: DrawdownWatchOptions) {
    if (!(o.threshold > 0 && o.threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${o.threshold}`);
  }

  start(everyMs: number): this {
    this.timer ??= setInterval(() => void this.check(), everyMs);
    this.timer.unref?.();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at every account; the events it published. Looks do not overlap. */
  check(): Promise<DrawdownMsg[]> {
    return (this.running ??= this.look().finally(() => (this.running = null)));
  }

  private async look(): Promise<DrawdownMsg[]> {
    const ids = [...this.o.accounts()];
    const out: DrawdownMsg[] = [];
    for (const id of ids) {
      let h: History;
      try {
        h = await this.o.system.ask<History>(address('account', id), { type: 'history' }, this.o.askTimeoutMs ?? 2_000);
      } catch (e) {
        this.o.onError?.(id, e);
        continue;
      }
      const msg = this.judge(id, h);
      if (msg) {
        this.o.system.publish(riskTopic(id), msg);
        out.push(msg);
      }
    }
    return out;
  }

  private judge(accountId: string, h: History): DrawdownMsg | null {
    const points = [{ time: -Infinity, equity: h.openingCash }, ...h.samples.map(([time, equity]) => ({ time, equity }))];
    const series = drawdownSeries(points);
    const now = series?.at(-1);
    if (!series || !now) return null;
    if (now.drawdown < this.o.threshold / 2) this.alerted.delete(accountId);
    if (now.drawdown < this.o.threshold || this.alerted.has(accountId)) return null;
    this.alerted.add(accountId);
    const equity = points.at(-1)!.equity;
    return { type: 'risk', kind: 'drawdown', accountId, at: h.samples.at(-1)?.[0] ?? h.time, drawdown: now.drawdown, threshold: this.o.threshold, equity, peak: Math.max(...points.map((p) => p.equity)) };
  }
}
