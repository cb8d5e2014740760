import type { Clock } from '../engine/clock/clock.ts';
import { wants, type Webhook } from './config.ts';
import { WebhookEndpoint, type EndpointStats, type PostLike } from './endpoint.ts';
import type { NotifyEvent } from './events.ts';
import { bodyFor } from './format.ts';

/** Every configured endpoint: each event goes to those whose filter takes it, written once per format. */
export class Notifier {
  private readonly endpoints: WebhookEndpoint[];

  constructor(webhooks: readonly Webhook[], deps: { clock: Clock; post: PostLike; random: (name: string) => () => number }) {
    this.endpoints = webhooks.map((w) => new WebhookEndpoint(w, { clock: deps.clock, post: deps.post, random: deps.random(w.name) }));
  }

  /** Queues the event for every endpoint that wants it; returns how many. Never waits and never throws for an endpoint's sake. */
  notify(e: NotifyEvent): number {
    const bodies = new Map<string, string>();
    let queued = 0;
    for (const endpoint of this.endpoints) {
      if (!wants(endpoint.config, e.kind)) continue;
      const format = endpoint.config.format;
      let body = bodies.get(format);
      if (body === undefined) bodies.set(format, (body = bodyFor(format, e)));
      endpoint.offer(e.kind, body);
      queued++;
    }
    return queued;
  }

  stats(): EndpointStats[] {
    return this.endpoints.map((e) => e.stats());
  }

  stop(): void {
    for (const e of this.endpoints) e.stop();
  }
}
