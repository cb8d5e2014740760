/**
 * A small market for the strategy actor's tests: the market, account and strategy kinds on a
 * simulated clock, BTCUSDT's first `bars` bundled 1m bars replayed through the symbol actors,
 * one paper account, and every signal published, collected.
 */
import { ACCOUNT_KINDS } from '../account/start.ts';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket, type Market } from '../market.ts';
import { ActorSystem, topicPattern } from '../../engine/index.ts';
import type { Signal } from '../../strategies/signal.ts';
import { STRATEGY_KINDS } from './start.ts';
import type { SignalMsg } from './messages.ts';

export const T0 = Date.UTC(2021, 3, 2); // the bundled month's first day

export interface Harness {
  system: ActorSystem;
  market: Market;
  /** Signals as published, each status change included. */
  published: Signal[];
  /** Runs the replay up to market time `t` (the clock starts at T0). */
  runUntil(t: number): Promise<void>;
  /** Stores what the candle store holds back, then shuts the system down. */
  stop(): Promise<void>;
}

export async function startHarness(options: { db: string; bars: number; workers?: number; speed?: number; extraKinds?: string[]; placement?: Record<string, number> }): Promise<Harness> {
  const system = await ActorSystem.start({
    workers: options.workers ?? 2,
    behaviours: [...MARKET_KINDS, ...ACCOUNT_KINDS, ...STRATEGY_KINDS, ...(options.extraKinds ?? [])],
    placement: { ...MARKET_PLACEMENT, ...options.placement },
    clock: 'sim',
    simStart: T0,
  });
  const published: Signal[] = [];
  system.subscribe(topicPattern('signal.*'), (m) => {
    const { type: _type, ...signal } = m as SignalMsg;
    published.push(signal);
  });
  system.spawn('account', 'acc', { accountId: 'acc', db: options.db, cash: 1_000_000 });
  const market = startReplayMarket(system, { crypto: ['BTCUSDT'] }, { speed: options.speed ?? 600, db: options.db, loop: false, bars: options.bars });
  return {
    system,
    market,
    published,
    runUntil: (t) => system.sim!.runUntil(t),
    stop: async () => {
      system.tell(market.store!, { type: 'flush' });
      await system.ask(market.store!, { type: 'stats' });
      await system.shutdown();
    },
  };
}
