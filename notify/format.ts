import type { Webhook } from './config.ts';
import type { NotifyEvent } from './events.ts';

/** Discord's limits on a message (developer docs, "Embed Limits"): longer text is cut, never refused by Discord. */
const LIMIT = { content: 2_000, title: 256, description: 4_096, fieldName: 256, fieldValue: 1_024 } as const;
const COLOR = { signal: 0x3498db, fill: 0x2ecc71, order_rejected: 0xe67e22, drawdown: 0xe74c3c, feed_down: 0xe74c3c, feed_up: 0x2ecc71 } as const;

export interface DiscordEmbed {
  title: string;
  description: string;
  color: number;
  timestamp: string;
  fields: { name: string; value: string; inline: boolean }[];
  footer: { text: string };
}

/** What Discord's "Execute Webhook" takes (and the Slack-compatible bridges read `content`). */
export interface DiscordMessage {
  username: string;
  content: string;
  embeds: DiscordEmbed[];
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const num = (x: number | string | null) => (x === null ? '—' : String(x));

/** A title, a one-line summary, and name/value fields: the same words in every format. */
function describe(e: NotifyEvent): { title: string; summary: string; fields: [string, string][] } {
  switch (e.kind) {
    case 'signal':
      return {
        title: `Signal: ${e.side} ${e.symbol}`,
        summary: `${e.strategyId} decided to ${e.side} ${e.qty} ${e.symbol} (${e.orderType}${e.price !== null ? `, last ${e.price}` : ''}): ${e.reason}`,
        fields: [['strategy', e.strategyId], ['symbol', e.symbol], ['side', e.side], ['quantity', num(e.qty)], ['order', e.orderType], ['client order id', e.clientOrderId]],
      };
    case 'fill':
      return {
        title: `${e.partial ? 'Partial fill' : 'Fill'}: ${e.side} ${e.symbol}`,
        summary: `${e.accountId}: ${e.side} ${num(e.qty)} ${e.symbol} at ${num(e.price)}${e.partial ? ' (partial)' : ''}; position now ${num(e.positionQty)}`,
        fields: [['account', e.accountId], ['symbol', e.symbol], ['side', e.side], ['quantity', num(e.qty)], ['price', num(e.price)], ['position', num(e.positionQty)], ['order id', e.orderId]],
      };
    case 'order_rejected':
      return {
        title: `Order rejected: ${e.side} ${e.symbol}`,
        summary: `${e.accountId}: pre-trade risk rejected ${e.side} ${num(e.qty)} ${e.symbol}`,
        fields: [['account', e.accountId], ['symbol', e.symbol], ['side', e.side], ['quantity', num(e.qty)], ['order id', e.orderId], ['client order id', e.clientOrderId]],
      };
    case 'drawdown':
      return {
        title: `Drawdown ${pct(e.drawdown)}: ${e.accountId}`,
        summary: `${e.accountId} is ${pct(e.drawdown)} below its high (${e.peak} → ${e.equity}), past the ${pct(e.threshold)} alert`,
        fields: [['account', e.accountId], ['drawdown', pct(e.drawdown)], ['threshold', pct(e.threshold)], ['equity', num(e.equity)], ['high', num(e.peak)]],
      };
    case 'feed_down':
    case 'feed_up':
      return {
        title: `Feed ${e.feed} ${e.kind === 'feed_down' ? 'down' : 'back'}`,
        summary: `feed ${e.feed} is ${e.state}${e.detail ? `: ${e.detail}` : ''}`,
        fields: [['feed', e.feed], ['state', e.state], ...(e.detail ? ([['detail', e.detail]] as [string, string][]) : [])],
      };
  }
}

export function discordMessage(e: NotifyEvent): DiscordMessage {
  const d = describe(e);
  return {
    username: 'Tickflow',
    content: cut(d.summary, LIMIT.content),
    embeds: [
      {
        title: cut(d.title, LIMIT.title),
        description: cut(d.summary, LIMIT.description),
        color: COLOR[e.kind],
        timestamp: new Date(e.at).toISOString(),
        fields: d.fields.map(([name, value]) => ({ name: cut(name, LIMIT.fieldName), value: cut(value || '—', LIMIT.fieldValue), inline: true })),
        footer: { text: e.kind },
      },
    ],
  };
}

/** The plain format: the event as it is, its time also in ISO 8601, and the same one-line summary. */
export function jsonMessage(e: NotifyEvent): Record<string, unknown> {
  const { kind, ...fields } = e;
  return { event: kind, time: new Date(e.at).toISOString(), summary: describe(e).summary, ...fields };
}

/** The request body for an endpoint. */
export const bodyFor = (format: Webhook['format'], e: NotifyEvent): string => JSON.stringify(format === 'discord' ? discordMessage(e) : jsonMessage(e));
