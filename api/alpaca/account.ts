import { Hono } from 'hono';
import type { AccountView, HistoryReply } from '../../actors/account/index.ts';
import type { AlpacaEnv } from './auth.ts';
import { marketClock } from './clock.ts';
import { askAccount, type AlpacaDeps } from './deps.ts';
import { ALPACA_CODES, AlpacaError } from './errors.ts';
import { accountJson } from './json.ts';
import { historyQuery, portfolioHistory } from './portfolio-history.ts';
import { valid } from './requests.ts';

/** `/v2/account`, `/v2/account/portfolio/history` and `/v2/clock`. */
export function accountRoutes(deps: AlpacaDeps) {
  return new Hono<AlpacaEnv>()
    .get('/v2/account', async (c) => {
      const record = deps.accounts.get(c.var.accountId);
      // The key verified, so the row was there a moment ago: only a database edited under the server gets here.
      if (!record) throw new AlpacaError(403, ALPACA_CODES.forbidden, `account ${c.var.accountId} no longer exists`);
      const { account } = await askAccount<{ account: AccountView }>(deps, c.var.accountId, { type: 'view' });
      return c.json(accountJson(record, account), 200);
    })
    .get('/v2/account/portfolio/history', async (c) => {
      const q = valid(historyQuery, c.req.query());
      const history = await askAccount<HistoryReply>(deps, c.var.accountId, { type: 'history' });
      return c.json(portfolioHistory(history, q, deps.clock()), 200);
    })
    .get('/v2/clock', (c) => c.json(marketClock(deps.clock()), 200));
}
