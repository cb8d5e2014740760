/**
 * Runs the replayed market of the given pairs once through (no loop) into a SQLite file, at
 * full speed unless a speed is given, forecasting with the shipped models, then prints every
 * symbol's view as one JSON line. A
 * separate process, so a test can `kill -9` it part-way and start it again on the same file.
 *
 *   bun actors/replay/testing/replay-to-end.ts <db> <PAIR,PAIR,...> [speed]
 */
import { ActorSystem, address } from '../../../engine/index.ts';
import { SHIPPED_MODELS } from '../../../models/registry/index.ts';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket } from '../../market.ts';
import type { SymbolView } from '../../symbol/index.ts';

const [db, pairs, speed = '0'] = process.argv.slice(2);
if (!db || !pairs) throw new Error('usage: replay-to-end.ts <db> <PAIR,PAIR,...> [speed]');
const symbols = pairs.split(',');

const system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT });
const forecasts = { models: SHIPPED_MODELS };
const market = startReplayMarket(system, { crypto: symbols }, { speed: Number(speed), db, loop: false, forecasts });
while (!(await system.ask<{ done: boolean }>(market.feeds[0]!, { type: 'view' })).done) await Bun.sleep(10);
await system.settle();
await Promise.all(market.forecasters.map((f) => system.ask(f, { type: 'stats' })));
system.tell(market.store!, { type: 'flush' });
await system.ask(market.store!, { type: 'stats' });
const views = await Promise.all(symbols.map((s) => system.ask<SymbolView>(address('symbol', s), { type: 'view' })));
await system.shutdown();
console.log(JSON.stringify(views));
