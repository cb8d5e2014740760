import { bundledBars, bundledDaily, crypto1m } from '../data/read.ts';
import { FORECASTER_PLACEMENT, forecasterAddress } from './forecast/index.ts';
import { address, type ActorSystem, type Address } from '../engine/index.ts';
import type { ModelChoice } from '../models/registry/index.ts';
import type { InstrumentClass, InstrumentRegistry } from '../market/instruments/index.ts';
import { TIMEFRAMES, type Timeframe } from '../market/timeframes.ts';
import type { Bar } from '../market/candles/candle.ts';
import { CandleSeries } from '../market/candles/series.ts';
import { barPrints } from '../feeds/bars.ts';
import { CandleStore, open } from '../storage/sqlite/index.ts';

/** The kinds a market needs, for `ActorSystem.start({ behaviours })`. */
export const MARKET_KINDS = ['./symbol/index.ts', './replay/index.ts', './store/index.ts', './summary/index.ts', './forecast/index.ts', './binance/index.ts', './yahoo/index.ts', './fred/index.ts'].map(
  (m) => new URL(m, import.meta.url).href,
);

/** SQLite wants one writer: the candle store always lives on worker 0. Forecaster n lives on worker n, beside the symbols it scores. */
export const MARKET_PLACEMENT = { 'candle-store': 0, ...FORECASTER_PLACEMENT };

/** The symbols of a market by asset class; stocks and macro series are optional. */
export interface Universe {
  crypto: readonly string[];
  stock?: readonly string[];
  macro?: readonly string[];
}

/** Every instrument of the registry, by class: the universe `npm start` runs. */
export const universeOf = (registry: InstrumentRegistry): Required<Universe> => {
  const symbolsOf = (c: InstrumentClass) => registry.byClass(c).map((i) => i.symbol);
  return { crypto: symbolsOf('crypto'), stock: symbolsOf('stock'), macro: symbolsOf('macro') };
};

export interface Market {
  feeds: Address[];
  symbols: Address[];
  store: Address | null;
  /** One per worker, when the market forecasts. */
  forecasters: Address[];
  summaries: Address[];
}

const DAY_MS = 86_400_000;

/** The timeframe each forecast class is forecast on: the one its shipped models are trained for (models/shipped). */
const FORECAST_TF = { crypto: '1h', stock: '1d' } as const satisfies Partial<Record<InstrumentClass, Timeframe>>;

/** The timeframe a class is forecast on; undefined for macro series, which are not. */
export const forecastTimeframe = (c: InstrumentClass): Timeframe | undefined => (c === 'macro' ? undefined : FORECAST_TF[c]);

/** Where the forecast models are and which serve; none: the market makes no forecasts. */
export interface ForecastOptions {
  /** The folder of model sets (models/shipped). */
  models: string;
  choice?: ModelChoice;
}

/**
 * How each class's symbol actors are made. Crypto trades round the clock and comes in 1m bars.
 * The stocks and macro series come as daily bars: finer candles would be empty, and their
 * nights and weekends are closes, not gaps. A macro series moves by decision, not by trading,
 * so no print of it is out of band, and a rate or a spread may be zero or below.
 */
const CLASS_PROPS: Record<InstrumentClass, { timeframes: readonly Timeframe[] } & Record<string, unknown>> = {
  crypto: { timeframes: TIMEFRAMES },
  stock: { timeframes: ['1d'], gaps: false },
  macro: { timeframes: ['1d'], gaps: false, bandPct: 1e6, positiveOnly: false },
};

/** The timeframes each class's symbol actors build, finest first: what the edge may ask them for. */
export const classTimeframes = (c: InstrumentClass): readonly Timeframe[] => CLASS_PROPS[c].timeframes;

/**
 * The store, a forecaster per worker, a summary per class, and a symbol actor per instrument,
 * before any feed. A symbol of a forecast class tells its own worker's forecaster its closes.
 */
function spawnMarket(system: ActorSystem, universe: Universe, db?: string, forecasts?: ForecastOptions): Omit<Market, 'feeds'> {
  const store = db ? system.spawn('candle-store', 'main', { path: db }) : null;
  const forecasters = forecasts ? Array.from({ length: system.options.workers }, (_, n) => system.spawn('forecaster', String(n), { ...forecasts, ...(db ? { db } : {}) })) : [];
  const forecastProps = (symbol: string, assetClass: InstrumentClass) => {
    const tf = forecastTimeframe(assetClass);
    if (!forecasts || !tf) return {};
    const to = forecasterAddress(system.workerOf(address('symbol', symbol)));
    return { forecast: { tf, to } };
  };
  // With a store, each symbol warms from its stored history first: a restart carries on.
  const persisted = store && db ? { store, warmFrom: { db } } : {};
  const summaries: Address[] = [];
  const symbols: Address[] = [];
  for (const assetClass of ['crypto', 'stock', 'macro'] as const) {
    const members = universe[assetClass] ?? [];
    if (members.length === 0) continue;
    summaries.push(system.spawn('summary', assetClass, { assetClass }));
    for (const symbol of members) symbols.push(system.spawn('symbol', symbol, { symbol, assetClass, ...CLASS_PROPS[assetClass], ...persisted, ...forecastProps(symbol, assetClass) }));
  }
  return { store, forecasters, summaries, symbols };
}

/** Where the live feeds connect (config/env.ts: `config.binance`, `config.yahoo`, `config.fred`). */
export interface LiveEndpoints {
  binance: { wsBase: string; restBase: string };
  yahoo: { baseUrl: string };
  fred: { baseUrl: string; apiKey?: string | undefined };
}

/**
 * Starts the market on live venues instead: the same symbol actors, store and summaries, fed by
 * Binance's trade streams (`binance/live`), Yahoo's daily bars for the stocks (`yahoo/stocks`)
 * and FRED's observations for the macro series (`fred/macro`; without an API key it says
 * 'missing-api-key' on `feed.fred` and never calls FRED). With no network each keeps retrying,
 * and says so on `feed.<venue>`.
 */
export function startLiveMarket(system: ActorSystem, universe: Universe, endpoints: LiveEndpoints, db?: string, forecasts?: ForecastOptions): Market {
  const market = spawnMarket(system, universe, db, forecasts);
  const feeds = [system.spawn('binance', 'live', { symbols: universe.crypto, ...endpoints.binance })];
  if (universe.stock?.length) feeds.push(system.spawn('yahoo', 'stocks', { symbols: universe.stock, interval: '1d', baseUrl: endpoints.yahoo.baseUrl }));
  if (universe.macro?.length) {
    const { baseUrl, apiKey } = endpoints.fred;
    feeds.push(system.spawn('fred', 'macro', { series: universe.macro, baseUrl, ...(apiKey ? { apiKey } : {}) }));
  }
  return { ...market, feeds };
}

export interface ReplayMarketOptions {
  /** Multiple of real time for the 1m crypto bars (60: a 1m bar a second); 0: as fast as it goes. */
  speed: number;
  /** The SQLite file closed candles are persisted to and resumed from; none: nothing persisted. */
  db?: string;
  /** Start over when the data runs out (the demo); default true. */
  loop?: boolean;
  /** Only the first N bars of each crypto pair. */
  bars?: number;
  /**
   * With a database: the first N 1m bars of each crypto pair that has none stored yet are
   * written to it as history (every timeframe's closed candles) before the market starts, so
   * the symbols warm from them and the replay plays what follows. A first `npm start` then has
   * indicators and forecasts at once instead of after two days of replayed hours.
   */
  history?: number;
  forecasts?: ForecastOptions;
  /**
   * A simulation of [from, to) (epoch ms) instead of the looping demo: every feed plays its bars
   * in the range once, at their recorded times, so the system must run on a SimClock started at
   * `from` (its driver sets the pace). `history` is then the bars just before `from`, and nothing
   * resumes: a simulation always starts at its beginning.
   */
  range?: { from: number; to: number };
}

/** Writes `bars` and every timeframe's candles closed by them, unless the symbol has 1m candles stored already. */
function storeHistory(path: string, symbol: string, bars: readonly Bar[]): void {
  const db = open(path);
  try {
    const store = new CandleStore(db);
    if (store.latest(symbol, '1m')) return;
    // Built from the prints a replayed bar is made of, as the symbol actors build them.
    const series = new CandleSeries(TIMEFRAMES);
    const closed = bars.flatMap((b) => barPrints(b, 60_000).flatMap((p) => [...series.addPrint(p.time, p.price, p.qty)]));
    db.transaction(() => {
      for (const tf of TIMEFRAMES) store.writeCandles(symbol, tf, closed.filter((c) => c.tf === tf));
    }).immediate();
  } finally {
    db.close();
  }
}

/**
 * Starts a live market on recorded data: a symbol actor per instrument, one replay feed playing
 * the pairs' bundled 1m bars at `speed` × real time, and one playing the stocks' and macro
 * series' daily bars from the stocks' common first day, a trading day in the time a 1m bar
 * takes. With a database path, closed candles are persisted there by a candle store, and a
 * restarted market resumes from them: the symbols warm from their stored candles and the
 * replays start after them.
 */
export function startReplayMarket(system: ActorSystem, universe: Universe, options: ReplayMarketOptions): Market {
  if (options.range) return startSimulatedMarket(system, universe, options, options.range);
  const { speed, db, loop = true, bars, forecasts, history } = options;
  const crypto = universe.crypto.map((symbol) => ({ symbol, file: crypto1m(symbol) }));
  if (db && history) for (const { symbol, file } of crypto) storeHistory(db, symbol, bundledBars(file).slice(0, history));
  const market = spawnMarket(system, universe, db, forecasts);
  const resume = db ? { resumeFrom: db } : {};
  const feeds = crypto.length ? [system.spawn('replay', 'crypto', { feeds: crypto, speed, loop, ...(bars ? { bars } : {}), ...resume })] : [];
  const daily = dailyFeeds(universe);
  if (daily.length) {
    const stocks = daily.filter((f) => universe.stock?.includes(f.symbol));
    const from = stocks.length ? Math.max(...stocks.map((f) => bundledBars(f.file)[0]!.openTime)) : undefined;
    const dailySpeed = speed * (DAY_MS / 60_000); // a day per 1m bar of the crypto replay
    feeds.push(system.spawn('replay', 'daily', { feeds: daily, speed: dailySpeed, barMs: DAY_MS, loop, ...(from ? { from } : {}), ...resume }));
  }
  return { ...market, feeds };
}

/**
 * The market of a simulation: each class's bundled bars inside `range`, played once at their
 * recorded times on the system's SimClock (speed 1: simulated time is market time). Every
 * instrument with bars in the range takes part; the others wait, as on a venue that is closed.
 */
function startSimulatedMarket(system: ActorSystem, universe: Universe, { db, forecasts, history }: ReplayMarketOptions, { from, to }: { from: number; to: number }): Market {
  if (!system.sim) throw new Error('a simulated market needs an ActorSystem started with clock: "sim"');
  const crypto = universe.crypto.map((symbol) => ({ symbol, file: crypto1m(symbol) }));
  if (db && history) for (const { symbol, file } of crypto) storeHistory(db, symbol, bundledBars(file).filter((b) => b.openTime < from).slice(-history));
  const market = spawnMarket(system, universe, db, forecasts);
  const range = { speed: 1, marketTime: true, loop: false, from, to };
  const daily = dailyFeeds(universe);
  const feeds = [
    ...(crypto.length ? [system.spawn('replay', 'crypto', { feeds: crypto, ...range })] : []),
    ...(daily.length ? [system.spawn('replay', 'daily', { feeds: daily, barMs: DAY_MS, ...range })] : []),
  ];
  return { ...market, feeds };
}

/** The stocks and macro series that have bundled daily bars; one without waits for a live feed. */
function dailyFeeds(universe: Universe): { symbol: string; file: string }[] {
  return [...(universe.stock ?? []), ...(universe.macro ?? [])].flatMap((symbol) => {
    const file = bundledDaily(symbol);
    return file ? [{ symbol, file }] : [];
  });
}
