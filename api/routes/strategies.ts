import { createRoute, z } from '@hono/zod-openapi';
import type { StrategyAdmin } from '../../actors/strategy/admin.ts';
import { StrategyConflictError } from '../../actors/strategy/start.ts';
import { strategyConfigSchema } from '../../strategies/config.ts';
import { StrategyConfigError } from '../../strategies/module.ts';
import { ProblemError } from '../problem.ts';
import { mayTrade, strategyCaller, type StrategyAccess } from './strategy-access.ts';
import { wholeNumber } from './params.ts';
import { BAD_REQUEST, createRouter, json, problemResponse, UNAVAILABLE } from './router.ts';

const IdParams = z.object({
  id: z.string().min(1).max(48).openapi({ param: { name: 'id', in: 'path' }, example: 'btc-sma-10-30' }),
});

const SignalSchema = z
  .object({
    strategyId: z.string(),
    clientOrderId: z.string().openapi({ description: '<strategy>:<symbol>:<tf>:<trigger><decision time>:<n>: the same decision always gets the same id' }),
    time: z.number().openapi({ description: 'Market time it was decided at (a candle close), epoch ms' }),
    symbol: z.string(),
    side: z.enum(['buy', 'sell']),
    qty: z.number(),
    orderType: z.enum(['market', 'limit', 'stop']),
    limitPrice: z.number().nullable(),
    stopPrice: z.number().nullable(),
    timeInForce: z.enum(['gtc', 'day', 'ioc', 'fok']),
    reason: z.string().openapi({ example: 'sma 10 crossed above sma 30' }),
    trigger: z.enum(['candle', 'indicators', 'forecast', 'fill', 'exit']),
    price: z.number().nullable().openapi({ description: "The symbol's last close when decided" }),
    status: z.enum(['sent', 'accepted', 'rejected', 'filled', 'canceled']),
    note: z.string().nullable().openapi({ description: "The account's reason for a rejection" }),
  })
  .openapi('Signal');

// The config as the client sent it, with its defaults filled in: the start's own schema, so /openapi.json documents every field.
const ConfigSchema = strategyConfigSchema.meta({
  id: 'StrategyConfig',
  example: { id: 'btc-sma-10-30', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', accountId: 'acc_1', params: { fast: 10, slow: 30 }, sizing: { kind: 'fixed', qty: 1 }, direction: 'long-only' },
});

const StatsSchema = z.object({
  events: z.number().int(),
  signals: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  fills: z.number().int(),
  errors: z.number().int().openapi({ description: 'Strategy hooks that threw' }),
  badEvents: z.number().int().openapi({ description: 'Messages that were not what their topic promises' }),
  lastError: z.string().nullable(),
  time: z.number().nullable().openapi({ description: 'Market time of the last event' }),
  warmedCandles: z.number().int(),
});

const ViewSchema = z
  .object({
    id: z.string(),
    config: z.record(z.string(), z.unknown()),
    state: z.object({
      cash: z.number().nullable().openapi({ description: "The strategy's capital moved by its fills; null without a capital" }),
      equity: z.number().nullable(),
      realizedPnl: z.number(),
      pending: z.record(z.string(), z.object({ symbol: z.string(), side: z.enum(['buy', 'sell']), qty: z.number(), reason: z.string(), time: z.number() })),
      stats: StatsSchema,
    }),
    positions: z.array(z.object({ symbol: z.string(), qty: z.number(), avgEntryPrice: z.number(), price: z.number().nullable(), marketValue: z.number().nullable(), unrealizedPnl: z.number().nullable() })),
    signals: z.array(SignalSchema).openapi({ description: 'The newest first' }),
  })
  .openapi('Strategy');

const NOT_RUNNING = problemResponse('No strategy of that id runs');

const list = createRoute({
  method: 'get',
  path: '/api/strategies',
  operationId: 'listStrategies',
  tags: ['strategies'],
  summary: 'The strategies running, with their configs',
  responses: { 200: json(z.object({ strategies: z.array(z.record(z.string(), z.unknown())) }), 'The running strategies, by id') },
});

const start = createRoute({
  method: 'post',
  path: '/api/strategies',
  operationId: 'startStrategy',
  tags: ['strategies'],
  summary: 'Start a strategy from its JSON config',
  description:
    'A built-in (`kind`) or a module of your own (`module`, a path on the server), on symbols and timeframes, trading a paper account. The config is checked all the way (schema, module exports, params, the definition itself) before anything starts, and recorded: the strategy starts again with the engine until it is stopped.',
  request: { body: { content: { 'application/json': { schema: ConfigSchema } }, required: true } },
  responses: {
    201: json(z.object({ strategy: z.record(z.string(), z.unknown()) }), 'Started; the config with its defaults'),
    400: BAD_REQUEST,
    401: problemResponse('No key: the account key pair (APCA-API-KEY-ID, APCA-API-SECRET-KEY) or the admin key'),
    403: problemResponse("A key that opens no account, another account's strategy, or a module without the admin key"),
    409: problemResponse('A strategy of that id runs already'),
  },
});

const inspect = createRoute({
  method: 'get',
  path: '/api/strategies/{id}',
  operationId: 'getStrategy',
  tags: ['strategies'],
  summary: 'A running strategy: config, book, positions, counters and recent signals',
  request: {
    params: IdParams,
    query: z.object({ signals: wholeNumber('signals', 0, 500).optional().openapi({ param: { name: 'signals', in: 'query' }, description: 'Recent signals to include (default 20, at most what the actor keeps: 50)' }) }),
  },
  responses: { 200: json(ViewSchema, 'The strategy as its actor sees itself'), 400: BAD_REQUEST, 404: NOT_RUNNING, 503: UNAVAILABLE },
});

const signals = createRoute({
  method: 'get',
  path: '/api/strategies/{id}/signals',
  operationId: 'getStrategySignals',
  tags: ['strategies'],
  summary: "A strategy's stored signals, newest first (a stopped one's too)",
  request: {
    params: IdParams,
    query: z.object({
      limit: wholeNumber('limit', 1, 5_000).optional().openapi({ param: { name: 'limit', in: 'query' }, description: 'At most this many (default 100)' }),
      before: wholeNumber('before', 0, Number.MAX_SAFE_INTEGER).optional().openapi({ param: { name: 'before', in: 'query' }, description: 'Only those decided before this time (epoch ms): pages back' }),
    }),
  },
  responses: { 200: json(z.object({ signals: z.array(SignalSchema) }), 'The signals'), 400: BAD_REQUEST, 404: problemResponse('No signals are stored (the engine runs without a database)') },
});

const stop = createRoute({
  method: 'delete',
  path: '/api/strategies/{id}',
  operationId: 'stopStrategy',
  tags: ['strategies'],
  summary: 'Stop a strategy',
  description: 'Its orders already with the account stay there; it is not started again with the engine. Its signals stay readable.',
  request: { params: IdParams },
  responses: { 200: json(z.object({ id: z.string(), stopped: z.literal(true) }), 'Stopped'), 401: problemResponse('No key'), 403: problemResponse('A key that opens no account'), 404: NOT_RUNNING },
});

const notRunning = (id: string) => new ProblemError(404, 'No such strategy', `no strategy ${JSON.stringify(id)} runs`);

/**
 * `/api/strategies`: list, start (POST a config), inspect, stored signals, stop (DELETE). Only
 * where the engine runs. Reading is open; starting and stopping take the traded account's key
 * pair or the admin key (strategy-access.ts).
 */
export const strategyRoutes = (admin: StrategyAdmin, access: StrategyAccess = {}) => {
  const callerOf = strategyCaller(access);
  return createRouter()
    .openapi(list, (c) => c.json({ strategies: admin.list() }, 200))
    .openapi(start, async (c) => {
      const caller = await callerOf(c);
      const config = c.req.valid('json') as { accountId?: unknown; module?: unknown };
      if (typeof config.accountId === 'string' && !mayTrade(caller, config.accountId)) throw new ProblemError(403, 'Forbidden', `this key trades its own account only, not ${JSON.stringify(config.accountId)}`);
      if (config.module !== undefined && !caller.admin) throw new ProblemError(403, 'Forbidden', "a module strategy runs code from the server's disk: starting one needs the admin key");
      try {
        return c.json({ strategy: await admin.start(config) }, 201);
      } catch (e) {
        if (e instanceof StrategyConfigError) throw new ProblemError(400, 'Invalid strategy', e.message);
        if (e instanceof StrategyConflictError) throw new ProblemError(409, 'Strategy running', e.message);
        throw e;
      }
    })
    .openapi(inspect, async (c) => {
      const { id } = c.req.valid('param');
      const view = await admin.view(id, c.req.valid('query').signals);
      if (!view) throw notRunning(id);
      return c.json(view, 200);
    })
    .openapi(signals, (c) => {
      const { id } = c.req.valid('param');
      const { limit = 100, before } = c.req.valid('query');
      const found = admin.signals(id, { limit, ...(before !== undefined ? { before } : {}) });
      if (found === null) throw new ProblemError(404, 'No signals stored', 'the engine runs without a database: signals are published, not stored');
      return c.json({ signals: found }, 200);
    })
    .openapi(stop, async (c) => {
      const caller = await callerOf(c);
      const { id } = c.req.valid('param');
      const running = admin.list().find((s) => s.id === id);
      // Another account's strategy is not there, for this key.
      if (!running || !mayTrade(caller, running.accountId) || !admin.stop(id)) throw notRunning(id);
      return c.json({ id, stopped: true as const }, 200);
    });
};
