import type { ActorSystem } from '../../engine/index.ts';
import type { Webhook } from '../../notify/config.ts';
import { DrawdownWatch } from '../../notify/drawdown-watch.ts';
import { NOTIFIER, type NotifierView } from './behaviour.ts';

/** The notifier's behaviour module, for `ActorSystem.start({ behaviours })`. */
export const NOTIFY_KINDS = [new URL('./index.ts', import.meta.url).href];

/** How often the drawdown watcher looks at every account's equity. */
const DRAWDOWN_EVERY_MS = 15_000;

type Labels = Record<'endpoint', string>;
/** The part of the edge's metrics registry (api/metrics) this uses: actors do not import the edge. */
export interface MetricsRegistry {
  counter(o: { name: string; help: string; labels: readonly 'endpoint'[] }): { inc(labels: Labels, by?: number): void; reset(): void };
  gauge(o: { name: string; help: string; labels: readonly 'endpoint'[] }): { set(labels: Labels, value: number): void; reset(): void };
  beforeCollect(hook: () => void | Promise<void>): void;
}

export interface NotificationsOptions {
  system: Pick<ActorSystem, 'spawn' | 'ask' | 'tell' | 'publish' | 'subscribe'>;
  webhooks: readonly Webhook[];
  /** DRAWDOWN_ALERT_PCT as a fraction. */
  drawdownAlert: number;
  /** The paper accounts now (the accounts store). */
  accounts: () => readonly string[];
  /** Where `tickflow_webhook_*` are exposed (/metrics). */
  metrics?: MetricsRegistry;
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
}

/**
 * Notifications on a running engine (main.ts): the notifier actor with the configured webhooks,
 * which hears every account's trade updates itself, and the drawdown watcher beside it.
 * Nothing at all without webhooks.
 */
export function startNotifications(o: NotificationsOptions): { stop(): void } {
  if (o.webhooks.length === 0) return { stop: () => {} };
  o.system.spawn('notifier', 'main', { webhooks: o.webhooks });
  const watch = new DrawdownWatch({
    system: o.system,
    accounts: o.accounts,
    threshold: o.drawdownAlert,
    onError: (accountId, error) => o.log?.warn('drawdown check failed', { accountId, error: String(error) }),
  }).start(DRAWDOWN_EVERY_MS);
  if (o.metrics) notifyMetrics(o.metrics, () => o.system.ask<NotifierView>(NOTIFIER, { type: 'view' }, 1_000));
  return {
    stop: () => {
      watch.stop();
    },
  };
}

/**
 * `tickflow_webhook_{sent,failed,dropped,retries,rate_limited}_total{endpoint}` and
 * `tickflow_webhook_pending{endpoint}`, read from the notifier at each scrape. When it does not
 * answer they are left out of that scrape rather than shown stale.
 */
export function notifyMetrics(registry: MetricsRegistry, view: () => Promise<NotifierView>): void {
  const family = (name: string, help: string) => registry.counter({ name: `tickflow_webhook_${name}_total`, help, labels: ['endpoint'] });
  const counters = {
    sent: family('sent', 'Notifications an endpoint took (2xx).'),
    failed: family('failed', 'Notifications given up: refused for good, or failed on every attempt.'),
    dropped: family('dropped', 'Notifications pushed out of a full endpoint queue, oldest first.'),
    retries: family('retries', 'Attempts after a failure (a 429 included).'),
    rateLimited: family('rate_limited', '429 answers from an endpoint.'),
  };
  const pending = registry.gauge({ name: 'tickflow_webhook_pending', help: 'Notifications waiting for an endpoint.', labels: ['endpoint'] });
  registry.beforeCollect(async () => {
    for (const f of [...Object.values(counters), pending]) f.reset();
    let v: NotifierView;
    try {
      v = await view();
    } catch {
      return;
    }
    for (const e of v.endpoints) {
      const l = { endpoint: e.name };
      for (const [k, c] of Object.entries(counters)) c.inc(l, e[k as keyof typeof counters]);
      pending.set(l, e.pending);
    }
  });
}
