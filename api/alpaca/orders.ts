import { Hono } from 'hono';
import type { CommandReply } from '../../actors/account/index.ts';
import { parseOrderRequest, type AlpacaOrderJson } from '../../market/orders/index.ts';
import { liveView } from '../routes/lookup.ts';
import type { AlpacaEnv } from './auth.ts';
import { askAccount, tradableInstrument, type AlpacaDeps } from './deps.ts';
import { invalidRequest, notFound, refusal } from './errors.ts';
import { assetClassOf } from './json.ts';
import { clientOrderIdQuery, jsonBody, orderIdParam, ordersQuery, valid } from './requests.ts';

const ORDER_NOT_FOUND = 'order not found';

/** A command's answer as the order it made or touched, or the refusal as Alpaca's error. */
function orderOf(reply: CommandReply): AlpacaOrderJson {
  if (!reply.ok) throw refusal(reply.code, reply.message);
  // A risk refusal is logged as a rejected order (the stream says so), and answered as Alpaca does: a 403 with the reason.
  if (reply.rejection) throw refusal(reply.rejection.code, reply.rejection.message);
  return reply.order!;
}

/** `/v2/orders`: list, submit, cancel all; one order by id or client order id: get, replace, cancel. */
export function orderRoutes(deps: AlpacaDeps) {
  const ask = <R>(accountId: string, msg: { type: string; [k: string]: unknown }) => askAccount<R>(deps, accountId, msg);

  return new Hono<AlpacaEnv>()
    .get('/v2/orders', async (c) => {
      const q = valid(ordersQuery, c.req.query());
      return c.json(await ask<AlpacaOrderJson[]>(c.var.accountId, { type: 'orders', ...q, nested: q.nested ?? false }));
    })
    .post('/v2/orders', async (c) => {
      const body = await jsonBody(c);
      // The account parses the body again with the same schema; here it is parsed first to find the symbol and price it.
      const parsed = parseOrderRequest(body);
      if (!parsed.ok) throw invalidRequest(parsed.message);
      const instrument = tradableInstrument(deps, parsed.request.symbol);
      const live = await liveView(deps, instrument.symbol);
      if (live?.last == null || live.time === null) throw invalidRequest(`no price for ${instrument.symbol} yet: it has not traded since the engine started`);
      const order = { ...(body as object), symbol: instrument.symbol };
      const reply = await ask<CommandReply>(c.var.accountId, { type: 'submit', order, price: live.last, time: live.time, assetClass: assetClassOf(instrument)! });
      return c.json(orderOf(reply), 200);
    })
    .delete('/v2/orders', async (c) => {
      const reply = await ask<CommandReply>(c.var.accountId, { type: 'cancelAll' });
      if (!reply.ok) throw refusal(reply.code, reply.message);
      // Alpaca's multi-status answer: one entry per order it was asked to cancel.
      return c.json(
        reply.canceled.map((id) => ({ id, status: 200 })),
        207,
      );
    })
    .get('/v2/orders:by_client_order_id', async (c) => {
      const { client_order_id } = valid(clientOrderIdQuery, c.req.query());
      const order = await ask<AlpacaOrderJson | null>(c.var.accountId, { type: 'orderByClientId', clientOrderId: client_order_id });
      if (!order) throw notFound(ORDER_NOT_FOUND);
      return c.json(order, 200);
    })
    .get('/v2/orders/:id', async (c) => {
      const { id } = valid(orderIdParam, c.req.param());
      const order = await ask<AlpacaOrderJson | null>(c.var.accountId, { type: 'order', id });
      if (!order) throw notFound(ORDER_NOT_FOUND);
      return c.json(order, 200);
    })
    .patch('/v2/orders/:id', async (c) => {
      const { id } = valid(orderIdParam, c.req.param());
      const patch = await jsonBody(c);
      return c.json(orderOf(await ask<CommandReply>(c.var.accountId, { type: 'replace', orderId: id, patch })), 200);
    })
    .delete('/v2/orders/:id', async (c) => {
      const { id } = valid(orderIdParam, c.req.param());
      const reply = await ask<CommandReply>(c.var.accountId, { type: 'cancel', orderId: id });
      if (!reply.ok) throw refusal(reply.code, reply.code === 'not_found' ? ORDER_NOT_FOUND : reply.message);
      return c.body(null, 204);
    });
}
