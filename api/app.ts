import { HTTPException } from 'hono/http-exception';
import type { EdgeConfig } from '../config/edge-env.ts';
import { AskTimeoutError } from '../engine/index.ts';
import { EngineUnreachableError } from './bus/redis-engine.ts';
import { createLogger } from '../log/logger.ts';
import type { TopicFeed } from './bus/topic-feed.ts';
import type { EdgeDeps } from './deps.ts';
import { serveDocs } from './docs/docs.ts';
import { serveDashboard } from './web/serve.ts';
import { watchDataLag, watchFeeds } from './health.ts';
import { cacheResponses, type ResponseCache } from './cache/index.ts';
import { Registry } from './metrics/registry.ts';
import { metricsRoute } from './metrics/route.ts';
import type { SourceAccessors } from './metrics/sources.ts';
import { apiKeyResolver, hashApiKey } from './middleware/api-keys.ts';
import { edgeMiddleware } from './middleware/index.ts';
import { documentConfig, registerSecuritySchemes } from './openapi/document.ts';
import { problem, ProblemError, renderProblem } from './problem.ts';
import { accountAnalyticsRoutes, alpacaRoutes, type AlpacaDeps, type KeyVerifier } from './alpaca/index.ts';
import { adminAccountRoutes, type AccountAdmin } from './routes/admin-accounts.ts';
import { adminRoutes } from './routes/admin.ts';
import { backtestRoutes } from './routes/backtests.ts';
import { candleRoutes } from './routes/candles.ts';
import { healthRoutes } from './routes/health.ts';
import { CandleHistory } from './routes/history.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { instrumentRoutes } from './routes/instruments.ts';
import { marketRoutes } from './routes/market.ts';
import { modelRoutes } from './routes/models.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { riskRoutes } from './routes/risk.ts';
import { createRouter } from './routes/router.ts';
import { symbolRoutes } from './routes/symbols.ts';
import { strategyRoutes } from './routes/strategies.ts';
import type { StrategyAdmin } from '../actors/strategy/admin.ts';

/** EdgeDeps, with what only the HTTP side needs; without `topics` no feed state is shown. */
export type AppDeps = Omit<EdgeDeps, 'topics'> & {
  topics?: TopicFeed;
  /** Rate limits, CORS, body limit (config/edge-env.ts); none: the defaults, with no rate limit (tests). */
  edge?: EdgeConfig;
  /** The process's metrics registry (one per process); none: a fresh one. */
  metrics?: Registry;
  /** Where answers to the cacheable GETs are kept for CACHE_TTL_MS (memory, or Redis shared by every edge); none: not cached. */
  cache?: ResponseCache;
  /** Paper trading, with the engine in this process: the Alpaca-compatible /v2 API and the admin account routes. None (`--edge-only`): neither. */
  trading?: { alpaca: AlpacaDeps; verifier: KeyVerifier; accounts: AccountAdmin };
  /** Strategies, with the engine in this process: /api/strategies, started and stopped with an account's key pair (`verifier`) or the admin key. None (`--edge-only`): no such routes. */
  strategies?: { admin: StrategyAdmin; verifier?: KeyVerifier };
} & SourceAccessors;

/**
 * The GETs every client asks the same of: answered from the cache for a quarter second, so a
 * crowd asking for the summary costs the engine one ask per quarter second, and nobody sees
 * figures older than that.
 */
const CACHEABLE = /^\/api\/(asset\/[^/]+\/(candles|indicators)|assets\/search|stocks|sectors|market\/summary)$/;
const CACHE_TTL_MS = 250;

/** Defaults for an app built without configuration (tests): no rate limit, or they would all be one client. */
const UNCONFIGURED: EdgeConfig = { rateLimit: { perSec: 0, burst: 1 }, corsOrigins: [], bodyLimitBytes: 64 * 1024, trustProxy: false };

/**
 * The HTTP edge as a plain OpenAPIHono app: no port, no process, so tests drive it with
 * `app.request()`. Every route is declared with zod schemas that both validate the request and
 * write /openapi.json; /docs reads that document.
 */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? createLogger('info');
  const feeds = deps.topics ? watchFeeds(deps.topics, now) : undefined;
  const lag = deps.topics ? watchDataLag(deps.topics, now) : undefined;
  const history = new CandleHistory(deps.db);
  const reads = { system: deps.system, instruments: deps.instruments, market: deps.market, history };

  const registry = deps.metrics ?? new Registry();
  const keyId = deps.adminKey ? apiKeyResolver([{ id: 'admin', hash: hashApiKey(deps.adminKey) }]) : undefined;
  const root = createRouter();
  // Before any route, or it would not run for them.
  root.use(...edgeMiddleware({ log, metrics: registry, ...(keyId ? { keyId } : {}) }, deps.edge ?? UNCONFIGURED));
  const cache = deps.cache;
  const cacheStats = deps.cacheStats ?? (cache ? () => ({ responses: cache.stats() }) : undefined);
  root.get('/metrics', metricsRoute({ registry, system: deps.system, log, wsStats: deps.wsStats, cacheStats, feedLag: deps.feedLag ?? lag?.lag }));
  if (cache) root.use('/api/*', cacheResponses(cache, { ttlMs: CACHE_TTL_MS, match: CACHEABLE }));
  const app = root
    .route('/', healthRoutes({ ...deps, now, feeds: feeds?.feeds, db: deps.db }))
    .route('/', symbolRoutes(reads))
    .route('/', marketRoutes(reads))
    .route('/', instrumentRoutes(reads))
    .route('/', candleRoutes(reads))
    .route('/', indicatorRoutes(reads))
    .route('/', modelRoutes(reads))
    .route('/', riskRoutes(reads))
    .route('/', portfolioRoutes(reads))
    .route('/', adminRoutes(deps))
    .route('/', backtestRoutes(deps));
  if (deps.trading) app.route('/', adminAccountRoutes({ adminKey: deps.adminKey, accounts: deps.trading.accounts })).route('/', alpacaRoutes(deps.trading.alpaca, deps.trading.verifier)).route('/', accountAnalyticsRoutes(deps.trading.alpaca, deps.trading.verifier));
  if (deps.strategies) app.route('/', strategyRoutes(deps.strategies.admin, { ...deps.strategies, ...(deps.adminKey ? { adminKey: deps.adminKey } : {}) }));

  registerSecuritySchemes(app.openAPIRegistry);
  let document: unknown;
  app.get('/openapi.json', (c) => c.json((document ??= app.getOpenAPI31Document(documentConfig(deps.version)))));
  serveDocs(app);
  serveDashboard(app, { log });

  app.notFound((c) => problem(c, 404, 'Not Found', `No route for ${c.req.method} ${c.req.path}`));

  app.onError((err, c) => {
    if (err instanceof ProblemError) return renderProblem(c, err);
    if (err instanceof AskTimeoutError) return problem(c, 503, 'Engine busy', 'the engine did not answer in time; try again');
    if (err instanceof EngineUnreachableError) return problem(c, 503, 'Engine unreachable', err.message);
    // Hono's own (a 415 from a body validator, ...) keep their status and their short message.
    if (err instanceof HTTPException && err.status < 500) return problem(c, err.status, err.message || 'HTTP error', err.message || `HTTP ${err.status}`);
    // The cause goes to the log, never to the client: stacks and messages may hold internals.
    log.error('unhandled error', { method: c.req.method, path: c.req.path, error: String(err), stack: err.stack });
    return problem(c, 500, 'Internal Server Error', 'The request could not be completed; the error has been logged.');
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
/** The app's routes as types, for a typed `hc<AppType>()` client (hono/client). */
export type AppType = App;
