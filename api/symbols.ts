import type { Context } from 'hono';
import { address, AskFailedError, type ActorSystem } from '../engine/index.ts';
import { UnknownSymbolError, type InstrumentRegistry } from '../market/instruments/index.ts';
import { problem } from './problem.ts';

export interface SymbolDeps {
  system: ActorSystem;
  instruments: InstrumentRegistry;
}

/**
 * `GET /api/symbols/:symbol`: what a symbol actor knows now (last price, 24h, forming candles,
 * dropped prints), answered by the actor itself. Any case works (`btcusdt`); an unknown symbol
 * is a 404 naming the closest ones, a known one with no live feed a 404 that says so.
 */
export async function symbolView(c: Context, deps: SymbolDeps): Promise<Response> {
  const asked = c.req.param('symbol') ?? '';
  let symbol: string;
  try {
    symbol = deps.instruments.get(asked).symbol;
  } catch (e) {
    if (e instanceof UnknownSymbolError) return problem(c, 404, 'Unknown symbol', e.message);
    throw e;
  }
  try {
    return c.json(await deps.system.ask(address('symbol', symbol), { type: 'view' }, 1_000));
  } catch (e) {
    if (e instanceof AskFailedError && e.message.includes('no such actor')) {
      return problem(c, 404, 'No live data', `${symbol} is a known instrument, but no feed is running for it`);
    }
    throw e;
  }
}
