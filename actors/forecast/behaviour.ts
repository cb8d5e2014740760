import type { Database } from 'bun:sqlite';
import { behaviour, type ActorContext } from '../../engine/index.ts';
import { forecastTopic, outcomeTopic } from '../../market/topics.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { chooseModel, type ForecastClass, type ForecastModel, type ModelRegistry } from '../../models/registry/index.ts';
import { ForecastStore, open } from '../../storage/sqlite/index.ts';
import { forecastMsgOf, forecastOf } from './forecast-event.ts';
import { forecasterProps, forecasterProtocol, type ForecasterProps, type ForecasterStats, type OutcomeMsg } from './messages.ts';
import { workerModels } from './model-cache.ts';
import { SymbolOutcomes, type Settled } from './outcomes.ts';

interface Row {
  readonly symbol: string;
  readonly assetClass: ForecastClass;
  readonly tf: Timeframe;
  readonly openTime: number;
  readonly close: number;
  readonly features: readonly number[];
}

interface ForecasterState {
  readonly props: ForecasterProps;
  readonly registry: ModelRegistry;
  readonly db: Database | null;
  readonly store: ForecastStore | null;
  /** Per `SYMBOL|tf`, loaded from the store the first time the symbol closes a candle. */
  readonly books: Map<string, SymbolOutcomes>;
  /** Rows of this turn, scored together by the `score` the first of them sent. */
  batch: Row[];
  /** The `SYMBOL|tf` keys in the batch: a second close of one of them scores the batch first. */
  readonly batched: Set<string>;
  /** A `score` is on its way to this actor. */
  scoreSent: boolean;
  readonly unserved: Record<string, string>;
  forecasts: number;
  batches: number;
  largestBatch: number;
  outcomes: number;
}

/**
 * The forecasts of every symbol on one worker, addressed `forecaster/<worker>` and pinned there
 * (actors/market.ts): its symbol actors tell it each candle they close on their forecast
 * timeframe; every row that arrives in one turn is scored in one batch through the worker's
 * onnxruntime sessions, loaded once. Each forecast is stored (when a database is configured)
 * before it is published on `forecast.<SYMBOL>.<tf>`, and waits for its target time, when the
 * symbol's close settles it: the outcome is stored and published on `outcome.<SYMBOL>.<tf>`
 * with the model's rolling accuracy. Restarted, it reloads what waits from the store.
 */
export const forecaster = behaviour({
  kind: 'forecaster',
  props: forecasterProps,
  protocol: forecasterProtocol,
  // Rows are worth keeping: a dropped one is a forecast never made.
  mailbox: { capacity: 100_000, overflow: 'backpressure' },
  init: (props): ForecasterState => {
    const db = props.db ? open(props.db) : null;
    return {
      props,
      registry: workerModels(props.models),
      db,
      store: db ? new ForecastStore(db) : null,
      books: new Map(),
      batch: [],
      batched: new Set(),
      scoreSent: false,
      unserved: {},
      forecasts: 0,
      batches: 0,
      largestBatch: 0,
      outcomes: 0,
    };
  },
  handlers: {
    closed: (s, m, ctx) => {
      const key = `${m.symbol}|${m.tf}`;
      // Its previous close is still unscored (a replay closed several candles in one turn): that
      // forecast must exist, and may be settled, before this close is.
      if (s.batched.has(key)) scoreBatch(s, ctx);
      const book = bookOf(s, m.symbol, m.tf);
      const settled = book.close(m.openTime + timeframeMs(m.tf), m.close);
      if (settled.length > 0) settle(s, book, settled, ctx);
      if (!m.features) return;
      s.batch.push({ ...m, features: m.features });
      s.batched.add(key);
      if (!s.scoreSent) {
        s.scoreSent = true;
        ctx.tell(ctx.self, { type: 'score' });
      }
    },
    score: (s, _m, ctx) => {
      s.scoreSent = false;
      scoreBatch(s, ctx);
    },
    stats: (s, _m, ctx) => ctx.reply(statsOf(s)),
  },
  onStop: (s) => s.db?.close(),
  preRestart: (s) => s.db?.close(), // init opens it again
});

/** Every row waiting, one batch per class and timeframe. */
function scoreBatch(s: ForecasterState, ctx: ActorContext): void {
  const rows = s.batch;
  if (rows.length === 0) return;
  s.batch = [];
  s.batched.clear();
  s.batches++;
  s.largestBatch = Math.max(s.largestBatch, rows.length);
  for (const group of Map.groupBy(rows, (r) => `${r.assetClass} ${r.tf}`).values()) scoreGroup(s, group, ctx);
}

/** One class and timeframe's rows through its model, stored in one transaction, then published. */
function scoreGroup(s: ForecasterState, rows: readonly Row[], ctx: ActorContext): void {
  const { assetClass, tf } = rows[0]!;
  const choice = chooseModel(s.registry, { assetClass, tf }, s.props.choice);
  if (!choice.ok) return void (s.unserved[`${assetClass} ${tf}`] = choice.reason);
  const model = choice.model;
  const width = model.nFeatures;
  const mismatched = rows.find((r) => r.features.length !== width);
  if (mismatched) return void (s.unserved[`${assetClass} ${tf}`] = `${model.ref} reads ${width} features, ${mismatched.symbol} sent ${mismatched.features.length}`);

  const x = new Float32Array(rows.length * width);
  rows.forEach((r, i) => x.set(r.features, i * width));
  const { q10, q50, q90 } = model.predict(x);
  const volatility = model.card.features.names.indexOf('vol_24');
  const made = rows.map((r, i) => forecastOf({ ...r, volatility: r.features[volatility] ?? Number.NaN }, model, q10[i]!, q50[i]!, q90[i]!));
  // A forecast already stored (a restarted symbol resends its last closes) is neither waited for twice nor published again.
  const store = s.store;
  const fresh = store ? store.transaction(() => made.filter((f) => store.insert(f.record))) : made;
  for (const f of fresh) {
    bookOf(s, f.record.symbol, tf).wait(f.record);
    ctx.publish(forecastTopic(f.record.symbol, tf), f.msg);
  }
  s.forecasts += fresh.length;
}

function settle(s: ForecasterState, book: SymbolOutcomes, settled: readonly Settled[], ctx: ActorContext): void {
  const store = s.store;
  store?.transaction(() => settled.forEach((x) => store.resolve(x.forecast, x.realisedTime, x.realisedPrice, x.synthetic)));
  for (const x of settled) {
    const f = forecastMsgOf(x.forecast);
    const msg: OutcomeMsg = {
      type: 'outcome',
      symbol: f.symbol,
      tf: f.tf,
      model: f.model,
      openTime: f.openTime,
      targetTime: f.targetTime,
      price: f.price,
      predictedPrice: f.predictedPrice,
      low: f.low,
      high: f.high,
      realisedTime: x.realisedTime,
      realisedPrice: x.realisedPrice,
      synthetic: x.synthetic,
      accuracy: book.score(x),
    };
    ctx.publish(outcomeTopic(f.symbol, f.tf), msg);
  }
  s.outcomes += settled.length;
}

/** A symbol's waiting forecasts and recent outcomes, read from the store the first time they are needed. */
function bookOf(s: ForecasterState, symbol: string, tf: Timeframe): SymbolOutcomes {
  const key = `${symbol}|${tf}`;
  let book = s.books.get(key);
  if (book) return book;
  book = new SymbolOutcomes(s.props.accuracyWindow);
  s.books.set(key, book);
  if (!s.store) return book;
  for (const f of s.store.pending(symbol, tf)) book.wait(f);
  for (const model of s.store.models(symbol, tf)) {
    const recent = s.store.recent(symbol, tf, { model, limit: s.props.accuracyWindow, resolvedOnly: true });
    book.remember(
      model,
      recent.filter((f) => !f.synthetic).map((f) => ({ ...f, realisedPrice: f.realisedPrice! })).reverse(),
    );
  }
  return book;
}

function statsOf(s: ForecasterState): ForecasterStats {
  let pending = 0;
  for (const book of s.books.values()) pending += book.pending;
  const models: readonly ForecastModel[] = s.registry.models;
  return {
    models: models.map((m) => m.ref),
    refused: s.registry.refused.map((r) => r.reason),
    unserved: { ...s.unserved },
    forecasts: s.forecasts,
    batches: s.batches,
    largestBatch: s.largestBatch,
    outcomes: s.outcomes,
    pending,
  };
}
