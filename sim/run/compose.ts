import { accountAddress, ACCOUNT_KINDS } from '../../actors/account/start.ts';
import { FORECASTER_PLACEMENT, forecasterAddress } from '../../actors/forecast/index.ts';
import { parseStrategyConfig } from '../../actors/strategy/load.ts';
import { routeOrders } from '../../actors/strategy/relay.ts';
import { STRATEGY_KINDS } from '../../actors/strategy/start.ts';
import { address, ActorSystem, type Address } from '../../engine/index.ts';
import { TIMEFRAMES, timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { SHIPPED_MODELS } from '../../models/registry/index.ts';
import type { StrategyConfig } from '../../strategies/config.ts';
import { CHAOS_PLACEMENT } from '../chaos/index.ts';
import { PROFILER_PLACEMENT } from '../profile/index.ts';
import type { Series } from '../data/load.ts';

/** The kinds a backtest runs; the forecaster only when a strategy acts on forecasts (it loads onnxruntime). */
const kinds = (forecasts: boolean, profile: boolean) => [
  new URL('../../actors/symbol/index.ts', import.meta.url).href,
  ...ACCOUNT_KINDS,
  ...STRATEGY_KINDS,
  new URL('../feed/index.ts', import.meta.url).href,
  new URL('../reveal/index.ts', import.meta.url).href,
  new URL('../chaos/index.ts', import.meta.url).href,
  ...(forecasts ? [new URL('../../actors/forecast/index.ts', import.meta.url).href] : []),
  ...(profile ? [new URL('../profile/index.ts', import.meta.url).href] : []),
];

/** One account and the strategies trading it: a backtest has one, a sweep one per combination. */
export interface RunSpec {
  readonly index: number;
  readonly params: Readonly<Record<string, number | string | boolean>> | null;
  readonly accountId: string;
  readonly strategies: readonly StrategyConfig[];
}

export interface Composition {
  readonly system: ActorSystem;
  readonly feed: Address;
  readonly symbols: readonly Address[];
  /** The symbol actors' props, to spawn one again (sim/run/crash.ts). */
  readonly symbolProps: (symbol: string) => Record<string, unknown>;
  readonly accounts: readonly { readonly id: string; readonly db: string }[];
  readonly reveals: readonly Address[];
  /** One per worker when the run is profiled. */
  readonly profilers: readonly Address[];
}

export interface ComposeOptions {
  readonly workers: number;
  readonly series: readonly Series[];
  readonly playTf: Timeframe;
  readonly pauseTf: Timeframe;
  /** SQLite file holding the bars the feed plays. */
  readonly barsDb: string;
  readonly workDir: string;
  readonly runs: readonly RunSpec[];
  readonly account: { readonly cash: number; readonly commissionPct: number; readonly slippageBps: number; readonly allowShort: boolean };
  /** What relative module paths of strategies are relative to. */
  readonly baseDir: string;
  /** A rest point the feed stops just short of (a crash lands there). */
  readonly restBefore?: number;
  /** Run JSC's sampling profiler in every worker (sim/profile). */
  readonly profile?: boolean;
  /** The switch that kills a worker (sim/chaos), when a crash is to be injected. */
  readonly chaos?: { readonly worker: number; readonly flag: SharedArrayBuffer };
}

/**
 * The simulation of a backtest, on a SimClock starting at the first bar: a symbol actor per
 * symbol building the candles of every timeframe a strategy hears, the paced feed
 * (sim/feed), and per run its account (fees and slippage from the config), the account's reveal
 * (sim/reveal) and its strategy actors, whose intents reach the account through the strategies'
 * own order route.
 */
export async function compose(o: ComposeOptions): Promise<Composition> {
  const forecasts = o.runs.some((r) => r.strategies.some((s) => s.kind === 'forecast'));
  const start = Math.min(...o.series.map((s) => s.bars[0]!.openTime));
  const system = await ActorSystem.start({
    workers: o.workers,
    behaviours: kinds(forecasts, o.profile === true),
    clock: 'sim',
    simStart: start,
    placement: { ...CHAOS_PLACEMENT, ...FORECASTER_PLACEMENT, ...PROFILER_PLACEMENT },
  });
  try {
    // First, so the profilers see everything after them.
    const profilers = o.profile ? Array.from({ length: o.workers }, (_, n) => system.spawn('sim-profiler', String(n))) : [];
    const heard = new Set<Timeframe>([o.playTf, ...o.runs.flatMap((r) => r.strategies.flatMap((s) => [s.timeframe, ...s.timeframes]))]);
    const timeframes = TIMEFRAMES.filter((tf) => heard.has(tf));
    const forecastTf = forecasts ? o.runs.flatMap((r) => r.strategies.filter((s) => s.kind === 'forecast').map((s) => s.timeframe))[0] : undefined;
    if (forecastTf) for (let n = 0; n < o.workers; n++) system.spawn('forecaster', String(n), { models: SHIPPED_MODELS });
    // Daily bars are taken for stocks, anything finer for crypto: the class only picks a forecast model.
    const assetClass = timeframeMs(o.playTf) >= timeframeMs('1d') ? 'stock' : 'crypto';
    const symbolProps = (symbol: string): Record<string, unknown> => ({
      symbol,
      timeframes,
      assetClass,
      // The data was checked when it was read: no print is held back as out of band, and a quiet
      // stretch is the data's, not a venue halt to report.
      bandPct: 1e6,
      gaps: false,
      ...(forecastTf ? { forecast: { tf: forecastTf, to: forecasterAddress(system.workerOf(address('symbol', symbol))) } } : {}),
    });
    const symbols = o.series.map((s) => system.spawn('symbol', s.symbol, symbolProps(s.symbol)));

    routeOrders(system); // the strategies' intents to their accounts (actors/strategy/relay.ts)
    const bps = o.account.commissionPct * 100;
    const accounts: { id: string; db: string }[] = [];
    const reveals: Address[] = [];
    for (const run of o.runs) {
      const db = `${o.workDir}/account-${run.accountId}.db`;
      system.spawn('account', run.accountId, {
        accountId: run.accountId,
        db,
        cash: o.account.cash,
        config: {
          match: { fees: { makerBps: bps, takerBps: bps }, slippage: o.account.slippageBps > 0 ? { kind: 'fixed_bps', bps: o.account.slippageBps } : { kind: 'none' } },
          limits: { feeBps: bps },
          allowShort: o.account.allowShort,
        },
        // Every print of its symbols, held or not: the risk check values open orders and positions
        // at the last price heard, and an account that heard none for a symbol refuses an order
        // (no_price) while another of its symbols has an order on its way.
        watch: [...new Set(run.strategies.flatMap((s) => s.symbols))].sort(),
      });
      accounts.push({ id: run.accountId, db });
      reveals.push(system.spawn('sim-reveal', run.accountId, { accountId: run.accountId, feed: 'main' }));
      for (const s of run.strategies) {
        // Checked and loaded as startStrategy does, then spawned keeping no recent signals: the
        // actor snapshots after every candle it decides on, and the report has every fill anyway.
        const { config } = await parseStrategyConfig(s, o.baseDir);
        system.spawn('strategy', config.id, { config, recent: 0 });
      }
    }
    const feed = system.spawn('sim-feed', 'main', { feeds: o.series.map((s) => ({ symbol: s.symbol, db: o.barsDb })), tf: o.playTf, pauseTf: o.pauseTf, ...(o.restBefore !== undefined ? { restBefore: o.restBefore } : {}) });
    if (o.chaos) system.spawn('sim-chaos', String(o.chaos.worker), { flag: o.chaos.flag });
    return { system, feed, symbols, symbolProps, accounts, reveals, profilers };
  } catch (e) {
    await system.shutdown();
    throw e;
  }
}

export { accountAddress };
