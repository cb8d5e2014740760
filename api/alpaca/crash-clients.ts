// The traders of the kill -9 harness (crash.test.ts): concurrent clients of one account sending
// real HTTP requests through Alpaca's API — market and notional orders that fill at once, limit
// orders near the price that fill now and then, cancels and replaces of earlier ones — recording
// every order the server acknowledged and every request it never answered.

/** An order the server answered 200 for: it must exist after any crash. */
export interface Acked {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
}

/** What the traders saw, across every cycle of the harness. */
export interface Ledger {
  /** By order id. */
  readonly acked: Map<string, Acked>;
  /** Submits sent and never answered (the server died first), by client order id, with the body sent. */
  readonly unanswered: Map<string, Record<string, unknown>>;
  /** Answers by status, for the report. */
  readonly statuses: Map<number, number>;
}

export const newLedger = (): Ledger => ({ acked: new Map(), unanswered: new Map(), statuses: new Map() });

export interface TraderOptions {
  base: string;
  key: { key_id: string; secret: string };
  /** Last prices to size orders from. */
  prices: Record<string, number>;
  random: () => number;
  /** Unique per cycle: client order ids are `<prefix>-<trader>-<n>`. */
  prefix: string;
  ledger: Ledger;
  /** Resolves when the traders must stop (the kill). */
  stop: Promise<void>;
}

type Json = Record<string, unknown>;

/** Runs `count` traders until `stop`; resolves when every one of them has finished its last request. */
export async function runTraders(count: number, o: TraderOptions): Promise<void> {
  let stopped = false;
  void o.stop.then(() => (stopped = true));
  const headers = { 'APCA-API-KEY-ID': o.key.key_id, 'APCA-API-SECRET-KEY': o.key.secret, 'Content-Type': 'application/json' };
  const call = async (method: string, path: string, body?: Json): Promise<{ status: number; body: unknown } | null> => {
    try {
      const res = await fetch(`${o.base}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      o.ledger.statuses.set(res.status, (o.ledger.statuses.get(res.status) ?? 0) + 1);
      return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    } catch {
      return null; // the connection died with the server
    }
  };
  const record = (order: Json) =>
    o.ledger.acked.set(order['id'] as string, { id: order['id'] as string, clientOrderId: order['client_order_id'] as string, symbol: order['symbol'] as string, side: order['side'] as string, type: order['type'] as string });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(o.random() * xs.length)]!;
  const symbols = Object.keys(o.prices);

  const trader = async (t: number) => {
    const mine: string[] = [];
    for (let n = 0; !stopped; n++) {
      const roll = o.random();
      if (roll < 0.15 && mine.length > 0) {
        const id = pick(mine);
        const res = await call('DELETE', `/v2/orders/${id}`);
        if (res === null) return;
        continue;
      }
      if (roll < 0.25 && mine.length > 0) {
        const id = pick(mine);
        const symbol = o.ledger.acked.get(id)!.symbol;
        const res = await call('PATCH', `/v2/orders/${id}`, { limit_price: (o.prices[symbol]! * (0.997 + o.random() * 0.004)).toFixed(2) });
        if (res === null) return;
        if (res.status === 200) record(res.body as Json);
        continue;
      }
      const symbol = pick(symbols);
      const price = o.prices[symbol]!;
      const clientOrderId = `${o.prefix}-${t}-${n}`;
      const side = o.random() < 0.6 ? 'buy' : 'sell';
      const qty = (symbol === 'BTCUSDT' ? 0.001 : 0.02) * (1 + Math.floor(o.random() * 3));
      const body: Json =
        roll < 0.55
          ? { symbol, side, type: 'market', time_in_force: 'gtc', qty: qty.toFixed(3) }
          : roll < 0.65
            ? { symbol, side: 'buy', type: 'market', time_in_force: 'ioc', notional: (price * qty).toFixed(2) }
            : { symbol, side, type: 'limit', time_in_force: 'gtc', qty: qty.toFixed(3), limit_price: (price * (side === 'buy' ? 0.999 + o.random() * 0.002 : 0.999 + o.random() * 0.002)).toFixed(2) };
      body['client_order_id'] = clientOrderId;
      o.ledger.unanswered.set(clientOrderId, body);
      const res = await call('POST', '/v2/orders', body);
      if (res === null) return; // stays unanswered
      o.ledger.unanswered.delete(clientOrderId);
      if (res.status === 200) {
        record(res.body as Json);
        if (body['type'] === 'limit') mine.push((res.body as Json)['id'] as string);
      }
    }
  };
  await Promise.all(Array.from({ length: count }, (_, t) => trader(t)));
}
