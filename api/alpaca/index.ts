import { OpenAPIHono } from '@hono/zod-openapi';
import { AskTimeoutError } from '../../engine/index.ts';
import { EngineUnreachableError } from '../bus/redis-engine.ts';
import { createLogger } from '../../log/logger.ts';
import { accountRoutes } from './account.ts';
import { activityRoutes } from './activities.ts';
import { KeyVerifier, requireAlpacaKey, type AlpacaEnv } from './auth.ts';
import type { AlpacaDeps } from './deps.ts';
import { ALPACA_CODES, AlpacaError, alpacaJson } from './errors.ts';
import { documentAlpaca } from './openapi.ts';
import { orderRoutes } from './orders.ts';
import { positionRoutes } from './positions.ts';

export type { AlpacaDeps } from './deps.ts';
export { KeyVerifier } from './auth.ts';
export { accountAnalyticsRoutes } from './analytics.ts';
export { createTradeStream, withTradeStream, type TradeStream, type TradeStreamConn } from './stream.ts';

/**
 * Alpaca's trading API v2 over Tickflow's paper accounts (README.md beside this file). Mounted
 * on the edge app at `/`; every `/v2` route needs an account's key pair and reaches that account
 * only. Errors leave in Alpaca's shape, `{"code", "message"}`, never as problem+json: Alpaca's
 * clients read `code` and `message`.
 */
export function alpacaRoutes(deps: AlpacaDeps, verifier = new KeyVerifier(deps.accounts)) {
  const log = deps.log ?? createLogger('warn');
  // An OpenAPIHono only so its routes' documentation (openapi.ts) joins the edge's /openapi.json when mounted.
  const app = new OpenAPIHono<AlpacaEnv>();
  documentAlpaca(app.openAPIRegistry);
  app.use('/v2/*', requireAlpacaKey(verifier));
  app.route('/', accountRoutes(deps)).route('/', activityRoutes(deps)).route('/', orderRoutes(deps)).route('/', positionRoutes(deps));
  app.all('/v2/*', (c) => alpacaJson(c, 404, ALPACA_CODES.notFound, `endpoint not found: ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof AlpacaError) return alpacaJson(c, err.status, err.code, err.message);
    if (err instanceof AskTimeoutError) return alpacaJson(c, 503, ALPACA_CODES.unavailable, 'the account did not answer in time; try again');
    if (err instanceof EngineUnreachableError) return alpacaJson(c, 503, ALPACA_CODES.unavailable, err.message);
    // The cause goes to the log, never to the client.
    log.error('unhandled error', { method: c.req.method, path: c.req.path, error: String(err), stack: err.stack });
    return alpacaJson(c, 500, ALPACA_CODES.internal, 'internal server error; it has been logged');
  });
  return app;
}
