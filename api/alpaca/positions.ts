import { Hono } from 'hono';
import type { AccountView, CommandReply, PositionView } from '../../actors/account/index.ts';
import type { AlpacaOrderJson } from '../../market/orders/index.ts';
import type { AlpacaEnv } from './auth.ts';
import { askAccount, tradableInstrument, type AlpacaDeps } from './deps.ts';
import { AlpacaError, notFound, refusal } from './errors.ts';
import { positionJson } from './json.ts';
import { closePositionQuery, symbolParam, valid } from './requests.ts';

type View = { account: AccountView; positions: PositionView[]; orders: AlpacaOrderJson[] };

const NO_POSITION = 'position does not exist';

/** `/v2/positions`: list and close all; one position by symbol: get and close. */
export function positionRoutes(deps: AlpacaDeps) {
  const view = (accountId: string) => askAccount<View>(deps, accountId, { type: 'view' });
  const json = (v: View, p: PositionView) => positionJson(p, deps.instruments.get(p.symbol), v.orders);
  const close = async (accountId: string, symbol: string) => {
    const reply = await askAccount<CommandReply>(deps, accountId, { type: 'closePosition', symbol });
    if (!reply.ok) throw reply.code === 'not_found' ? notFound(NO_POSITION) : refusal(reply.code, reply.message);
    if (reply.rejection) throw refusal(reply.rejection.code, reply.rejection.message);
    return reply.order!;
  };

  return new Hono<AlpacaEnv>()
    .get('/v2/positions', async (c) => {
      const v = await view(c.var.accountId);
      return c.json(v.positions.map((p) => json(v, p)));
    })
    .delete('/v2/positions', async (c) => {
      const v = await view(c.var.accountId);
      // One close after the other: each is decided on the account the previous one left. Alpaca's multi-status shape.
      const results = [];
      for (const p of v.positions) {
        try {
          results.push({ symbol: p.symbol, status: 200, body: await close(c.var.accountId, p.symbol) });
        } catch (e) {
          if (!(e instanceof AlpacaError)) throw e;
          results.push({ symbol: p.symbol, status: e.status, body: { code: e.code, message: e.message } });
        }
      }
      return c.json(results, 207);
    })
    .get('/v2/positions/:symbol', async (c) => {
      const instrument = tradableInstrument(deps, valid(symbolParam, c.req.param()).symbol);
      const v = await view(c.var.accountId);
      const p = v.positions.find((x) => x.symbol === instrument.symbol);
      if (!p) throw notFound(NO_POSITION);
      return c.json(json(v, p), 200);
    })
    .delete('/v2/positions/:symbol', async (c) => {
      const instrument = tradableInstrument(deps, valid(symbolParam, c.req.param()).symbol);
      valid(closePositionQuery, c.req.query());
      return c.json(await close(c.var.accountId, instrument.symbol), 200);
    });
}
