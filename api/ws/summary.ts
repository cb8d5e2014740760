import type { SummaryView } from '../../actors/summary/index.ts';
import { address, type EngineHandle } from '../../engine/index.ts';
import type { Logger } from '../../log/logger.ts';
import { INSTRUMENT_CLASSES } from '../../market/instruments/index.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import type { Socket } from './connection.ts';
import type { Fanout } from './fanout.ts';
import { marketFrame } from './protocol.ts';

/** The topic name of `/ws/market/summary` frames; also its Bun channel. */
export const SUMMARY_TOPIC = 'market.summary';

/** One symbol's headline figures (a StatsMsg and the class it came under). */
export interface SummaryLine {
  assetClass: string;
  symbol: string;
  time: number;
  last: number;
  changePct: number;
  volume: number;
  high: number;
  low: number;
}

export interface SummaryDeps {
  feed: TopicFeed;
  system: EngineHandle;
  fanout: Fanout;
  intervalMs: number;
  askTimeoutMs: number;
  log?: Logger;
}

const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/**
 * `/ws/market/summary`: the stats of every class, conflated. While it has clients it listens on
 * `stats.>` and keeps every symbol's newest line; every `intervalMs` it publishes, once for all
 * of them, one delta with the lines that changed (however many stats came in meanwhile). A new
 * client gets a snapshot of all lines first, seeded from the class summary actors when the
 * stream starts, so it does not wait a minute for the next closed bar.
 */
export class SummaryStream {
  private readonly lines = new Map<string, SummaryLine>();
  private readonly changed = new Map<string, SummaryLine>();
  private readonly sockets = new Set<Socket>();
  private seq = 0;
  private unlisten: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SummaryDeps) {}

  async add(ws: Socket): Promise<void> {
    this.sockets.add(ws);
    if (!this.unlisten) this.start();
    await this.ready;
    if (!ws.data.open || !this.sockets.has(ws)) return;
    this.deps.fanout.send(ws, this.snapshotFrame(), SUMMARY_TOPIC);
    this.deps.fanout.join(ws, SUMMARY_TOPIC);
  }

  remove(ws: Socket): void {
    if (!this.sockets.delete(ws)) return;
    this.deps.fanout.leave(ws, SUMMARY_TOPIC);
    if (this.sockets.size === 0) this.halt();
  }

  private start(): void {
    this.unlisten = this.deps.feed.listen('stats.>', (msg, topic) => this.take(msg, topic));
    this.timer = setInterval(() => this.flush(), this.deps.intervalMs);
    this.ready = this.seed();
  }

  private halt(): void {
    this.unlisten?.();
    this.unlisten = null;
    clearInterval(this.timer);
    this.lines.clear();
    this.changed.clear();
  }

  /** Each class's summary actor knows every symbol's last figures; a class without one is skipped. */
  private async seed(): Promise<void> {
    const views = await Promise.allSettled(
      INSTRUMENT_CLASSES.map((cls) => this.deps.system.ask<SummaryView>(address('summary', cls), { type: 'view', limit: 100 }, this.deps.askTimeoutMs)),
    );
    for (const [i, view] of views.entries()) {
      if (view.status === 'rejected') {
        this.deps.log?.debug('no market summary for a class', { assetClass: INSTRUMENT_CLASSES[i], error: String(view.reason) });
        continue;
      }
      for (const line of view.value.symbols) this.keep({ assetClass: view.value.assetClass, ...line }, false);
    }
  }

  private take(msg: unknown, topic: string): void {
    const m = msg as Partial<SummaryLine>;
    if (typeof m.symbol !== 'string' || ![m.time, m.last, m.changePct, m.volume, m.high, m.low].every(num)) return;
    const assetClass = topic.split('.')[1] ?? '';
    this.keep({ assetClass, symbol: m.symbol, time: m.time!, last: m.last!, changePct: m.changePct!, volume: m.volume!, high: m.high!, low: m.low! }, true);
  }

  private keep(line: SummaryLine, changed: boolean): void {
    const known = this.lines.get(line.symbol);
    if (known && known.time > line.time) return;
    this.lines.set(line.symbol, line);
    if (changed) this.changed.set(line.symbol, line);
  }

  private flush(): void {
    if (this.changed.size === 0) return;
    this.seq++;
    const frame = marketFrame('delta', SUMMARY_TOPIC, this.seq, JSON.stringify({ lines: [...this.changed.values()] }));
    this.changed.clear();
    // A delta holds only what changed: a reader that lagged gets the whole state instead.
    this.deps.fanout.publish(SUMMARY_TOPIC, SUMMARY_TOPIC, frame, () => this.snapshotFrame());
  }

  private snapshotFrame(): string {
    const lines = [...this.lines.values()].sort((a, b) => a.assetClass.localeCompare(b.assetClass) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    return marketFrame('snapshot', SUMMARY_TOPIC, this.seq, JSON.stringify({ lines }));
  }

  /** Server shutdown: stops listening and the timer. */
  close(): void {
    this.sockets.clear();
    this.halt();
  }
}
