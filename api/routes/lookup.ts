import { classTimeframes, type Market } from '../../actors/market.ts';
import type { SymbolView } from '../../actors/symbol/index.ts';
import { address, AskFailedError, type EngineHandle } from '../../engine/index.ts';
import { UnknownSymbolError, type Instrument, type InstrumentRegistry } from '../../market/instruments/index.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { badParameter, ProblemError } from '../problem.ts';

export interface LookupDeps {
  system: EngineHandle;
  instruments: InstrumentRegistry;
  market?: Market;
}

/** How long the edge waits for an actor's answer before calling the engine busy. */
export const ASK_TIMEOUT_MS = 1_000;

/** The instrument for a symbol in any case, or a 404 naming the closest known ones. */
export function instrumentOf(deps: LookupDeps, symbol: string): Instrument {
  try {
    return deps.instruments.get(symbol);
  } catch (e) {
    if (e instanceof UnknownSymbolError) throw new ProblemError(404, 'Unknown symbol', e.message, { suggestions: [...e.suggestions] });
    throw e;
  }
}

/**
 * What the symbol's actor shows now, or null when none runs (a known instrument with no feed).
 * With the market's addresses at hand an absent actor is not asked at all: asking one would
 * leave a dead letter per request.
 */
export async function liveView(deps: LookupDeps, symbol: string): Promise<SymbolView | null> {
  const to = address('symbol', symbol);
  if (deps.market && !deps.market.symbols.includes(to)) return null;
  try {
    return await deps.system.ask<SymbolView>(to, { type: 'view' }, ASK_TIMEOUT_MS);
  } catch (e) {
    if (e instanceof AskFailedError && e.message.includes('no such actor')) return null;
    throw e;
  }
}

export const noLiveData = (symbol: string) => new ProblemError(404, 'No live data', `${symbol} is a known instrument, but no feed is running for it`);

export const builtTimeframes = (i: Instrument): readonly Timeframe[] => classTimeframes(i.class);

/** The asked timeframe if the symbol builds it, its finest when none was asked; a 400 on `field` otherwise. */
export function timeframeOf(i: Instrument, asked: Timeframe | undefined, field = 'tf'): Timeframe {
  const built = builtTimeframes(i);
  if (asked === undefined) return built[0]!;
  if (built.includes(asked)) return asked;
  throw badParameter(field, `${i.symbol} is built on ${built.join(', ')} only, not ${asked}`);
}
