import { createRoute, z } from '@hono/zod-openapi';
import { ActorSystem, type EngineHandle } from '../../engine/index.ts';
import { BacktestJobs, JobsBusyError, type JobView } from '../../sim/jobs/jobs.ts';
import { BacktestError } from '../../sim/run/harness.ts';
import { ProblemError } from '../problem.ts';
import { BAD_REQUEST, createRouter, json, problemResponse } from './router.ts';

const JobSchema = z
  .object({
    id: z.string().openapi({ example: 'bt-lq3k2a-1' }),
    name: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    sweep: z.boolean(),
    submittedAt: z.string().openapi({ description: 'ISO 8601' }),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    progress: z.object({ phase: z.enum(['loading', 'running', 'reporting']).nullable(), pct: z.number() }),
    errors: z.array(z.string()).openapi({ description: 'Why a failed job failed, one problem per line' }),
    report: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "Once done: report.json's content (fills, round trips, final cash, positions and value, metrics, buy-and-hold benchmark, equity curve); for a sweep its ranked table" }),
    topic: z.string().openapi({ description: 'The /ws topic carrying its progress: {"op":"subscribe","topic":"backtest.<id>"}' }),
  })
  .openapi('BacktestJob');

const SubmitBody = z
  .object({
    config: z.record(z.string(), z.unknown()).openapi({
      description: 'A backtest config, as the files of examples/ (data from {symbol, bundled: true} or the engine store {symbol, store: true} only)',
      example: {
        name: 'sma 10/30 btc',
        data: [{ symbol: 'BTCUSDT', bundled: true }],
        account: { cash: 100_000, commissionPct: 0.1 },
        strategies: [{ id: 'sma-10-30', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: { fast: 10, slow: 30 }, sizing: { kind: 'fixed', qty: 1 } }],
      },
    }),
    params: z.record(z.string(), z.string()).optional().openapi({ description: 'Values for ${name} placeholders of the config' }),
    sweep: z.boolean().optional().openapi({ description: "Run the config's sweep grid" }),
  })
  .openapi('BacktestSubmit');

const NOT_HERE = problemResponse('Backtests run where the engine runs, not on an --edge-only edge');
const BUSY = problemResponse('Too many backtests are waiting');
const UNKNOWN = problemResponse('No such backtest (or it finished long enough ago to be forgotten)');

const submit = createRoute({
  method: 'post',
  path: '/api/backtests',
  operationId: 'submitBacktest',
  tags: ['backtests'],
  summary: 'Start a backtest (or a sweep) as a job',
  description:
    'Checks the config and queues it; jobs run one at a time on simulated actor systems of their own, deterministic like `tickflow backtest`. Follow the progress on the WebSocket topic `backtest.<id>` or by polling `GET /api/backtests/{id}`, which carries the report once done.',
  request: { body: { content: { 'application/json': { schema: SubmitBody } }, required: true } },
  responses: { 202: json(JobSchema, 'Queued'), 400: BAD_REQUEST, 404: NOT_HERE, 429: BUSY },
});

const get = createRoute({
  method: 'get',
  path: '/api/backtests/{id}',
  operationId: 'getBacktest',
  tags: ['backtests'],
  summary: 'A backtest job: its status and progress, and its report once done',
  request: { params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).openapi({ param: { name: 'id', in: 'path' }, example: 'bt-lq3k2a-1' }) }) },
  responses: { 200: json(JobSchema, 'The job'), 400: BAD_REQUEST, 404: UNKNOWN },
});

const list = createRoute({
  method: 'get',
  path: '/api/backtests',
  operationId: 'listBacktests',
  tags: ['backtests'],
  summary: 'The backtest jobs kept, newest first (without their reports)',
  responses: { 200: json(z.object({ backtests: z.array(JobSchema) }), 'The jobs'), 404: NOT_HERE },
});

const withTopic = (j: JobView) => ({ ...j, errors: [...j.errors], report: j.report as Record<string, unknown> | null, topic: `backtest.${j.id}` });

/**
 * `POST /api/backtests`, `GET /api/backtests/{id}` and `GET /api/backtests`. Jobs run in the
 * engine's process and publish their progress on its topics; an edge of its own (`--edge-only`)
 * has no engine here and answers 404. `jobs` is for tests; by default one queue per app, reading
 * `{symbol, store: true}` data from the app's database.
 */
export function backtestRoutes(deps: { system: EngineHandle; db?: string | undefined }, jobs?: BacktestJobs) {
  const local = deps.system instanceof ActorSystem ? deps.system : null;
  const queue = jobs ?? (local ? new BacktestJobs({ publish: (t, m) => local.publish(t, m), ...(deps.db ? { store: deps.db } : {}) }) : null);
  const here = () => {
    if (!queue) throw new ProblemError(404, 'Not here', 'backtests run where the engine runs; this edge has none (--edge-only)');
    return queue;
  };
  return createRouter()
    .openapi(submit, (c) => {
      const q = here();
      try {
        return c.json(withTopic(q.submit(c.req.valid('json'))), 202);
      } catch (e) {
        if (e instanceof BacktestError) throw new ProblemError(400, 'Invalid backtest', e.problems.join('; '), { errors: e.problems.map((p) => ({ field: fieldOf(p), message: p })) });
        if (e instanceof JobsBusyError) throw new ProblemError(429, 'Too many backtests', e.message, {}, { 'Retry-After': '30' });
        throw e;
      }
    })
    .openapi(get, (c) => {
      const job = here().get(c.req.valid('param').id);
      if (!job) throw new ProblemError(404, 'Unknown backtest', `no backtest ${c.req.valid('param').id}`);
      return c.json(withTopic(job), 200);
    })
    .openapi(list, (c) => c.json({ backtests: here().list().map(withTopic) }, 200));
}

/** `strategies.0.timeframe: ...` → `config.strategies.0.timeframe`: the field of the body at fault. */
const fieldOf = (problem: string) => {
  const m = /^([A-Za-z0-9_.]+):/.exec(problem);
  return m ? `config.${m[1]}` : 'config';
};
