// orders: REST order submits/s and p99 with the durable SQLite account log beside an in-memory one, and fills/s of an account in a replay on the sim clock.
//
// Part 1, the REST API: one process serves Tickflow's edge (createApp + startServer, as main.ts
// composes them) over an engine with a BTCUSDT symbol actor (one print, so orders have a price)
// and two paper accounts: one logging to a SQLite file (WAL, what main.ts runs), one to a
// `:memory:` SQLite database (the same code with no file under it). `CLIENTS` keep-alive HTTP
// clients in this process each loop POST /v2/orders (a limit buy far below the market, so it
// rests) then DELETE /v2/orders/{id}, so the book stays small and every submit costs the same.
// Submits/s counts the POSTs, p99 is theirs; the cancels run between them (the same for both).
// The two accounts run in alternating rounds, and the median round of each counts.
//
// Part 2, fills inside a replay: an account actor on the simulated clock is fed BTCUSDT's
// bundled 1m bars as prints (O, H/L, L/H, C), with a batch of market orders submitted before
// each block of bars, each filling at the next print: fills/s through asks, the log (SQLite
// file), the matching engine and the trade updates. Baseline: the same decide/apply functions
// in a plain loop, with the events kept in an array (no actors, no SQLite).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_KINDS, accountAddress } from '../actors/account/start.ts';
import { apply } from '../actors/account/apply.ts';
import { accountConfigSchema } from '../actors/account/config.ts';
import { decideSubmit, decideTick } from '../actors/account/decide.ts';
import type { AccountEvent } from '../actors/account/events.ts';
import type { AccountView } from '../actors/account/views.ts';
import { unopened } from '../actors/account/state.ts';
import { MARKET_KINDS } from '../actors/market.ts';
import { KeyVerifier } from '../api/alpaca/auth.ts';
import type { AlpacaDeps } from '../api/alpaca/deps.ts';
import { createApp } from '../api/app.ts';
import { localTopicFeed } from '../api/bus/topic-feed.ts';
import { startServer } from '../api/server.ts';
import { loadInstruments } from '../config/instruments.ts';
import { bundledBars, crypto1m } from '../data/read.ts';
import { ActorSystem, address } from '../engine/index.ts';
import { barPath } from '../market/candles/bar-path.ts';
import { tickTopic } from '../market/topics.ts';
import { createLogger } from '../log/logger.ts';
import { AccountStore } from '../storage/sqlite/accounts.ts';
import { open } from '../storage/sqlite/open.ts';
import { LatencyHistogram } from './kit/latency-histogram.ts';
import { formatRate, report, round3 } from './report.ts';

const SECONDS = Number(process.argv[2] ?? 3);
const CLIENTS = Number(process.argv[3] ?? 16);
const ROUNDS = 3;
const FILL_BARS = Number(process.argv[4] ?? 20_000);
const PRICE = 58_000;

const dir = mkdtempSync(join(tmpdir(), 'tickflow-bench-orders-'));
const db = join(dir, 'bench.db');

// ---------------------------------------------------------------- part 1: REST submits
interface Round {
  submits: number;
  seconds: number;
  histogram: LatencyHistogram;
  errors: number;
}

async function load(base: string, key: { keyId: string; secret: string }, seconds: number): Promise<Round> {
  const headers = { 'APCA-API-KEY-ID': key.keyId, 'APCA-API-SECRET-KEY': key.secret, 'Content-Type': 'application/json' };
  const body = JSON.stringify({ symbol: 'BTCUSDT', qty: '0.001', side: 'buy', type: 'limit', time_in_force: 'gtc', limit_price: String(PRICE / 2) });
  const histogram = new LatencyHistogram();
  let submits = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const res = await fetch(`${base}/v2/orders`, { method: 'POST', headers, body });
        const order = (await res.json()) as { id?: string };
        histogram.record(performance.now() - sent);
        if (res.status !== 200 || !order.id) {
          errors++;
          continue;
        }
        submits++;
        const canceled = await fetch(`${base}/v2/orders/${order.id}`, { method: 'DELETE', headers });
        if (canceled.status !== 204) errors++;
        await canceled.arrayBuffer();
      }
    }),
  );
  return { submits, seconds: (performance.now() - t0) / 1000, histogram, errors };
}

async function restSubmits(): Promise<{ durable: Round; memory: Round }> {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  const system = await ActorSystem.start({ workers: 2, behaviours: [...MARKET_KINDS, ...ACCOUNT_KINDS] });
  system.spawn('symbol', 'BTCUSDT', { symbol: 'BTCUSDT' });
  system.tell(address('symbol', 'BTCUSDT'), { type: 'print', time: Date.UTC(2021, 3, 14), price: PRICE, qty: 1 });
  const store = new AccountStore(open(db));
  // No submit-rate limit: the bench measures the path, not the account's 200-a-minute policy.
  const config = accountConfigSchema.parse({ rate: { capacity: 1_000_000_000, refillPerSecond: 1_000_000_000 } });
  const made = { durable: await store.create({ name: 'durable', cash: 1e12 }, Date.now()), memory: await store.create({ name: 'memory', cash: 1e12 }, Date.now()) };
  system.spawn('account', made.durable.account.id, { accountId: made.durable.account.id, db, cash: 1e12, config });
  system.spawn('account', made.memory.account.id, { accountId: made.memory.account.id, db: ':memory:', cash: 1e12, config });
  const topics = localTopicFeed(system);
  const alpaca: AlpacaDeps = { system, instruments: loaded.registry, accounts: store, topics, clock: () => system.clock.now() };
  const verifier = new KeyVerifier(store);
  const app = createApp({ system, instruments: loaded.registry, startedAt: Date.now(), version: 'bench', log: createLogger('error'), topics, trading: { alpaca, verifier, accounts: { create: () => Promise.reject(new Error('not here')), list: () => store.list() } } });
  const server = startServer(app, { port: 0, host: '127.0.0.1' });
  const base = server.url.replace(/\/$/, '');
  const keys = { durable: { keyId: made.durable.keyId, secret: made.durable.secret }, memory: { keyId: made.memory.keyId, secret: made.memory.secret } };
  const rounds: { durable: Round[]; memory: Round[] } = { durable: [], memory: [] };
  await load(base, keys.durable, 1); // warm-up: JIT, argon2id once per key, the symbol's view
  await load(base, keys.memory, 1);
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of r % 2 === 0 ? (['durable', 'memory'] as const) : (['memory', 'durable'] as const)) {
      const round = await load(base, keys[kind], SECONDS);
      rounds[kind].push(round);
      console.log(`  ${kind.padEnd(7)} round ${r + 1}: ${formatRate(round.submits / round.seconds)} submits/s  p50 ${round.histogram.percentile(50).toFixed(2)} ms  p99 ${round.histogram.percentile(99).toFixed(2)} ms${round.errors ? `  (${round.errors} errors!)` : ''}`);
    }
  }
  await server.stop();
  await system.shutdown();
  store.db.close();
  const median = (rs: Round[]) => [...rs].sort((a, b) => a.submits / a.seconds - b.submits / b.seconds)[Math.floor(rs.length / 2)]!;
  return { durable: median(rounds.durable), memory: median(rounds.memory) };
}

// ---------------------------------------------------------------- part 2: fills in a replay
const BATCH = 50; // market orders submitted before each block of bars
const BLOCK = 50; // bars per block
const order = (i: number) => ({ symbol: 'BTCUSDT', side: i % 2 === 0 ? 'buy' : 'sell', type: 'market', time_in_force: 'gtc', qty: '0.001' });

/** The prints of a bar, stamped as the replay stamps them (O at +0, then ⅓, ⅔, the last ms). */
const printsOf = (b: { openTime: number; open: number; high: number; low: number; close: number; volume: number }) =>
  barPath(b).map((price, k) => ({ time: b.openTime + [0, 20_000, 40_000, 59_999][k]!, price, qty: b.volume / 4 }));

async function actorFills(bars: ReturnType<typeof bundledBars>): Promise<{ fills: number; seconds: number }> {
  const system = await ActorSystem.start({ workers: 2, behaviours: ACCOUNT_KINDS, clock: 'sim', simStart: bars[0]!.openTime });
  system.spawn('account', 'fills', { accountId: 'fills', db: join(dir, 'fills.db'), cash: 1e12, config: { rate: { capacity: 1_000_000_000, refillPerSecond: 1_000_000_000 } } });
  const acc = accountAddress('fills');
  const t0 = performance.now();
  for (let i = 0; i < bars.length; i += BLOCK) {
    const first = printsOf(bars[i]!)[0]!;
    // Each batch buys (then sells) at the next print: the account holds 0 or a little, never short.
    await Promise.all(Array.from({ length: BATCH }, (_, k) => system.ask(acc, { type: 'submit', order: order(k), price: first.price, time: bars[i]!.openTime - 1 })));
    for (const b of bars.slice(i, i + BLOCK)) for (const p of printsOf(b)) system.publish(tickTopic('BTCUSDT'), { type: 'tick', symbol: 'BTCUSDT', ...p });
    await system.settle();
  }
  const seconds = (performance.now() - t0) / 1000;
  const { account } = await system.ask<{ account: AccountView }>(acc, { type: 'view' });
  await system.shutdown();
  return { fills: account.fills, seconds };
}

function plainFills(bars: ReturnType<typeof bundledBars>): { fills: number; seconds: number } {
  const s = unopened('plain');
  const log: AccountEvent[] = [];
  const commit = (events: AccountEvent[]) => {
    for (const e of events) (log.push(e), apply(s, e, undefined, log.length));
  };
  commit([{ type: 'opened', at: 0, accountId: 'plain', cash: 1e12, config: accountConfigSchema.parse({ rate: { capacity: 1_000_000_000, refillPerSecond: 1_000_000_000 } }) }]);
  const t0 = performance.now();
  for (let i = 0; i < bars.length; i += BLOCK) {
    const first = printsOf(bars[i]!)[0]!;
    for (let k = 0; k < BATCH; k++) {
      const d = decideSubmit(s, { BTCUSDT: first.price }, order(k), Math.max(s.time, bars[i]!.openTime - 1));
      if (d.ok) commit(d.events);
    }
    for (const b of bars.slice(i, i + BLOCK)) {
      for (const p of printsOf(b)) {
        const t = decideTick(s, { symbol: 'BTCUSDT', time: p.time, price: p.price, size: p.qty });
        if (t) (log.push(t.event), apply(s, t.event, t.update, log.length));
      }
    }
  }
  return { fills: s.fills.length, seconds: (performance.now() - t0) / 1000 };
}

try {
  console.log(`REST: ${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s per log (submit, then cancel, per client)`);
  const rest = await restSubmits();
  const rate = (r: Round) => r.submits / r.seconds;
  const bars = bundledBars(crypto1m('BTCUSDT')).slice(0, FILL_BARS);
  plainFills(bars.slice(0, 2_000)); // warm-up
  const plain = plainFills(bars);
  const actor = await actorFills(bars);
  console.log(`fills in a replay (sim clock), ${bars.length} bars: account actor ${formatRate(actor.fills / actor.seconds)} fills/s (${actor.fills}); plain loop ${formatRate(plain.fills / plain.seconds)} fills/s (${plain.fills})`);
  report({
    bench: 'orders',
    value: Math.round(rate(rest.durable)),
    unit: 'order submits/s through the REST API, durable SQLite log',
    baseline: Math.round(rate(rest.memory)),
    p99_ms: round3(rest.durable.histogram.percentile(99)),
    p50_ms: round3(rest.durable.histogram.percentile(50)),
    memory_p99_ms: round3(rest.memory.histogram.percentile(99)),
    memory_p50_ms: round3(rest.memory.histogram.percentile(50)),
    p99_ratio: round3(rest.durable.histogram.percentile(99) / rest.memory.histogram.percentile(99)),
    errors: rest.durable.errors + rest.memory.errors,
    fills_per_s: Math.round(actor.fills / actor.seconds),
    fills_baseline_per_s: Math.round(plain.fills / plain.seconds),
    fills_ratio: round3(actor.fills / actor.seconds / (plain.fills / plain.seconds)),
    fills: actor.fills,
    clients: CLIENTS,
    seconds: SECONDS,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
