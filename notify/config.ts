import { z } from 'zod';

/**
 * What a webhook can be told:
 * - `signal`: a strategy decided to trade (`signal.<strategyId>`, when the signal is sent);
 * - `fill`: an order of a paper account filled, wholly or in part (`trade.<accountId>`);
 * - `order_rejected`: pre-trade risk refused an order (`trade.<accountId>`, event rejected);
 * - `drawdown`: an account's equity fell further below its high than the alert threshold (`risk.<accountId>`);
 * - `feed_down`, `feed_up`: a venue feed stopped getting data (backing off, closed, refused), and came back (`feed.<venue>`).
 * `risk` stands for the last four, `*` for all.
 */
export const NOTIFY_EVENTS = ['signal', 'fill', 'order_rejected', 'drawdown', 'feed_down', 'feed_up'] as const;
export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number];
export const RISK_EVENTS: readonly NotifyEventKind[] = ['order_rejected', 'drawdown', 'feed_down', 'feed_up'];
const EVENT_FILTERS = [...NOTIFY_EVENTS, 'risk', '*'] as const;

const httpUrl = z.string().refine(
  (text) => {
    try {
      return ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  },
  // The URL is a secret (a Discord webhook's token is in its path): the message does not repeat it.
  { error: 'url must be an http:// or https:// URL' },
);

export const webhookSchema = z
  .strictObject({
    /** Names the endpoint in logs, stats and metrics, which never show its URL (it holds a token). Default `webhook-<n>`. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'name must be 1 to 40 letters, digits, _ or -')
      .optional(),
    url: httpUrl,
    events: z
      .array(z.enum(EVENT_FILTERS, { error: (i) => `events: each must be one of ${EVENT_FILTERS.join(', ')}, got ${JSON.stringify(i.input)}` }))
      .min(1, 'events must name at least one event')
      .default(['*']),
    /** `discord`: `{content, embeds}` as Discord's (and Slack-compatible bridges') webhooks take; `json`: the event itself. */
    format: z.enum(['discord', 'json'], { error: (i) => `format must be discord or json, got ${JSON.stringify(i.input)}` }).default('discord'),
    /** Requests per second and burst: Discord allows about 30 a minute per webhook. */
    rate: z
      .strictObject({
        perSecond: z.number().positive('rate.perSecond must be above 0').max(100, 'rate.perSecond must be at most 100'),
        burst: z.number().int().min(1, 'rate.burst must be at least 1').max(1_000, 'rate.burst must be at most 1000'),
      })
      .default({ perSecond: 0.5, burst: 5 }),
    /** Notifications waiting for this endpoint at most; past it the oldest is dropped (and counted). */
    queue: z.number().int().min(1, 'queue must be at least 1').max(10_000, 'queue must be at most 10000').default(100),
    /** Tries per notification, the first included, before it is given up (and counted). */
    maxAttempts: z.number().int().min(1, 'maxAttempts must be at least 1').max(20, 'maxAttempts must be at most 20').default(6),
    /** A request not answered within this is abandoned and retried. */
    timeoutMs: z.number().int().min(100, 'timeoutMs must be at least 100').max(120_000, 'timeoutMs must be at most 120000').default(10_000),
    /** Retries wait base·2^(n−1) (half of it fixed, half random), at most max; a 429's retry_after when longer. */
    backoff: z
      .strictObject({ baseMs: z.number().int().min(1).max(600_000), maxMs: z.number().int().min(1).max(3_600_000) })
      .refine((b) => b.baseMs <= b.maxMs, { error: 'backoff.baseMs must not exceed backoff.maxMs' })
      .default({ baseMs: 1_000, maxMs: 60_000 }),
  });

export type WebhookInput = z.input<typeof webhookSchema>;
export type Webhook = z.output<typeof webhookSchema> & { readonly name: string };

export const webhooksSchema = z
  .array(webhookSchema)
  .max(20, 'at most 20 webhooks')
  .transform((list) => list.map((w, i): Webhook => ({ ...w, name: w.name ?? `webhook-${i + 1}` })))
  .refine((list) => new Set(list.map((w) => w.name)).size === list.length, { error: 'webhook names must be unique' });

/** Whether an endpoint's filter takes an event. */
export function wants(webhook: Pick<Webhook, 'events'>, kind: NotifyEventKind): boolean {
  return webhook.events.some((e) => e === '*' || e === kind || (e === 'risk' && RISK_EVENTS.includes(kind)));
}

/** WEBHOOKS from the environment: a JSON array of endpoints. Errors name the endpoint and field, never the URL. */
export function parseWebhooks(text: string): { ok: true; webhooks: Webhook[] } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const r = webhooksSchema.safeParse(json);
  if (r.success) return { ok: true, webhooks: r.data };
  return { ok: false, error: r.error.issues.map((i) => (i.path.length > 0 ? `[${i.path.join('.')}] ${i.message}` : i.message)).join('; ') };
}
