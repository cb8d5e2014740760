import { describe, expect, test } from 'bun:test';
import { parseWebhooks, wants } from './config.ts';
import { FeedTransitions, signalEvent, tradeEvent, type NotifyEvent } from './events.ts';
import { bodyFor, discordMessage, jsonMessage } from './format.ts';

const T = Date.UTC(2021, 3, 14, 12);

describe('parseWebhooks (WEBHOOKS)', () => {
  test('defaults: every event, Discord format, 0.5/s with a burst of 5, a queue of 100, 6 attempts, named by position', () => {
    const r = parseWebhooks('[{"url":"https://discord.com/api/webhooks/1/abc"},{"name":"ops","url":"http://127.0.0.1:9/x","events":["risk","fill"],"format":"json","rate":{"perSecond":2,"burst":1}}]');
    expect(r).toEqual({
      ok: true,
      webhooks: [
        { name: 'webhook-1', url: 'https://discord.com/api/webhooks/1/abc', events: ['*'], format: 'discord', rate: { perSecond: 0.5, burst: 5 }, queue: 100, maxAttempts: 6, timeoutMs: 10_000, backoff: { baseMs: 1_000, maxMs: 60_000 } },
        { name: 'ops', url: 'http://127.0.0.1:9/x', events: ['risk', 'fill'], format: 'json', rate: { perSecond: 2, burst: 1 }, queue: 100, maxAttempts: 6, timeoutMs: 10_000, backoff: { baseMs: 1_000, maxMs: 60_000 } },
      ],
    });
  });

  test('refusals say where and why, and never repeat the URL', () => {
    const error = (text: string) => {
      const r = parseWebhooks(text);
      if (r.ok) throw new Error('expected a refusal');
      return r.error;
    };
    expect(error('{')).toStartWith('not JSON:');
    expect(error('{"url":"https://x"}')).toContain('expected array');
    expect(error('[{"url":"ftp://host/secret-token"}]')).toBe('[0.url] url must be an http:// or https:// URL');
    expect(error('[{"url":"https://x/secret-token","events":["fills"]}]')).toBe('[0.events.0] events: each must be one of signal, fill, order_rejected, drawdown, feed_down, feed_up, risk, *, got "fills"');
    expect(error('[{"url":"https://x","format":"slack"}]')).toBe('[0.format] format must be discord or json, got "slack"');
    expect(error('[{"url":"https://x","rate":{"perSecond":0,"burst":1}}]')).toBe('[0.rate.perSecond] rate.perSecond must be above 0');
    expect(error('[{"url":"https://x","color":"red"}]')).toContain('color');
    expect(error('[{"name":"a","url":"https://x"},{"name":"a","url":"https://y"}]')).toBe('webhook names must be unique');
    expect(error('[{"url":"https://x/secret-token","events":[]}]')).not.toContain('secret-token');
  });

  test('filters: a kind by name, `risk` for the four risk events, `*` for all', () => {
    expect(wants({ events: ['risk'] }, 'drawdown')).toBe(true);
    expect(wants({ events: ['risk'] }, 'feed_up')).toBe(true);
    expect(wants({ events: ['risk'] }, 'fill')).toBe(false);
    expect(wants({ events: ['fill', 'signal'] }, 'signal')).toBe(true);
    expect(wants({ events: ['*'] }, 'order_rejected')).toBe(true);
  });
});

describe('events from topic messages', () => {
  const order = { id: 'o-1', client_order_id: 'c-1', symbol: 'BTCUSDT', side: 'sell', qty: '2' };

  test('fills and partial fills, rejections; other order events are not news', () => {
    expect(tradeEvent('acc_1', { event: 'partial_fill', at: T, order, price: 101.5, qty: 0.5, positionQty: 1.5 })).toEqual({
      kind: 'fill', at: T, accountId: 'acc_1', symbol: 'BTCUSDT', side: 'sell', orderId: 'o-1', clientOrderId: 'c-1', qty: 0.5, price: 101.5, partial: true, positionQty: 1.5,
    });
    expect(tradeEvent('acc_1', { event: 'rejected', at: T, order, price: null, qty: null, positionQty: null })).toMatchObject({ kind: 'order_rejected', qty: '2' });
    for (const event of ['new', 'canceled', 'replaced', 'expired']) expect(tradeEvent('acc_1', { event, at: T, order, price: null, qty: null, positionQty: null })).toBeNull();
  });

  test('a signal once, when sent', () => {
    const s = { strategyId: 's', clientOrderId: 'c', time: T, symbol: 'ETHUSDT', side: 'buy', qty: 3, orderType: 'limit', reason: 'RSI < 30', price: 2_000 };
    expect(signalEvent({ ...s, status: 'sent' })).toMatchObject({ kind: 'signal', at: T, strategyId: 's', qty: 3 });
    for (const status of ['accepted', 'rejected', 'filled', 'canceled']) expect(signalEvent({ ...s, status })).toBeNull();
  });

  test('feeds: down on entering trouble (or first heard in it), up on leaving it; repeats are not news; a restart keeps what it knew', () => {
    const t = new FeedTransitions();
    expect(t.hear('binance', 'connecting', null, T)).toBeNull();
    expect(t.hear('binance', 'open', null, T)).toBeNull();
    expect(t.hear('binance', 'backoff', null, T)).toMatchObject({ kind: 'feed_down', feed: 'binance', state: 'backoff' });
    expect(t.hear('binance', 'closed', null, T)).toBeNull();
    expect(t.hear('fred', 'missing-api-key', null, T)).toMatchObject({ kind: 'feed_down', feed: 'fred' });
    const again = FeedTransitions.restore(t.state());
    expect(again.hear('binance', 'backoff', null, T)).toBeNull();
    expect(again.hear('binance', 'open', null, T)).toMatchObject({ kind: 'feed_up', state: 'open' });
    expect(again.hear('yahoo', 'waiting', null, T)).toBeNull();
  });
});

describe('formats', () => {
  const fill: NotifyEvent = { kind: 'fill', at: T, accountId: 'acc_1', symbol: 'BTCUSDT', side: 'buy', qty: 1, price: 60_010, partial: false, positionQty: 1, orderId: 'o', clientOrderId: 'c' };

  test("Discord: content for clients without embeds, one embed with a title, colour, ISO timestamp and inline fields", () => {
    const m = discordMessage(fill);
    expect(m).toEqual({
      username: 'Tickflow',
      content: 'acc_1: buy 1 BTCUSDT at 60010; position now 1',
      embeds: [
        {
          title: 'Fill: buy BTCUSDT',
          description: 'acc_1: buy 1 BTCUSDT at 60010; position now 1',
          color: 0x2ecc71,
          timestamp: '2021-04-14T12:00:00.000Z',
          fields: [
            { name: 'account', value: 'acc_1', inline: true },
            { name: 'symbol', value: 'BTCUSDT', inline: true },
            { name: 'side', value: 'buy', inline: true },
            { name: 'quantity', value: '1', inline: true },
            { name: 'price', value: '60010', inline: true },
            { name: 'position', value: '1', inline: true },
            { name: 'order id', value: 'o', inline: true },
          ],
          footer: { text: 'fill' },
        },
      ],
    });
  });

  test("Discord's limits hold for any text: content 2,000, title 256, description 4,096, field values 1,024", () => {
    const long = 'x'.repeat(10_000);
    const m = discordMessage({ kind: 'signal', at: T, strategyId: long, symbol: long, side: 'buy', qty: 1, orderType: 'market', price: null, reason: long, clientOrderId: long });
    expect(m.content.length).toBe(2_000);
    expect(m.content.endsWith('…')).toBe(true);
    expect(m.embeds[0]!.title.length).toBe(256);
    expect(m.embeds[0]!.description.length).toBe(4_096);
    for (const f of m.embeds[0]!.fields) expect(f.value.length).toBeLessThanOrEqual(1_024);
  });

  test('JSON: the event itself, its kind as `event`, the time in ISO 8601 and the same summary', () => {
    const dd: NotifyEvent = { kind: 'drawdown', at: T, accountId: 'acc_1', drawdown: 0.1234, threshold: 0.1, equity: 87_660, peak: 100_000 };
    expect(jsonMessage(dd)).toEqual({ event: 'drawdown', time: '2021-04-14T12:00:00.000Z', summary: 'acc_1 is 12.34% below its high (100000 → 87660), past the 10.00% alert', at: T, accountId: 'acc_1', drawdown: 0.1234, threshold: 0.1, equity: 87_660, peak: 100_000 });
    expect(JSON.parse(bodyFor('json', dd))).toEqual(jsonMessage(dd));
    expect(JSON.parse(bodyFor('discord', dd))).toEqual(discordMessage(dd));
  });
});
