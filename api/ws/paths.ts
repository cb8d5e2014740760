import { type InstrumentRegistry, UnknownSymbolError } from '../../market/instruments/index.ts';
import { TIMEFRAMES, type Timeframe } from '../../market/timeframes.ts';
import { CLOSE } from './protocol.ts';

/** What a WebSocket path asks for; every one of them also takes the `/ws` ops. */
export type WsRoute =
  | { kind: 'mux' }
  | { kind: 'summary' }
  | { kind: 'model'; model: 'forecast' | 'trends'; symbol: string }
  | { kind: 'chart'; symbol: string; tf: Timeframe }
  /** Upgraded only to be closed with this code: a browser sees close codes, never an HTTP status. */
  | { kind: 'refuse'; code: number; reason: string };

const MODEL = /^\/ws\/asset\/([^/]+)\/(forecast|trends)$/;
const CHART = /^\/ws\/chart\/([^/]+)$/;

/** The route of a `/ws...` URL; null when the path is none of them (the HTTP app answers it). */
export function routeOf(url: URL, instruments: InstrumentRegistry): WsRoute | null {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  if (path === '/ws') return { kind: 'mux' };
  if (path === '/ws/market/summary') return { kind: 'summary' };
  const model = MODEL.exec(path);
  if (model) return withSymbol(model[1]!, instruments, (symbol) => ({ kind: 'model', model: model[2] as 'forecast' | 'trends', symbol }));
  const chart = CHART.exec(path);
  if (chart) {
    const tf = url.searchParams.get('tf') ?? '1m';
    if (!(TIMEFRAMES as readonly string[]).includes(tf)) return { kind: 'refuse', code: CLOSE.badRequest, reason: `tf must be one of ${TIMEFRAMES.join(', ')}, got "${tf}"` };
    return withSymbol(chart[1]!, instruments, (symbol) => ({ kind: 'chart', symbol, tf: tf as Timeframe }));
  }
  return null;
}

function withSymbol(raw: string, instruments: InstrumentRegistry, route: (symbol: string) => WsRoute): WsRoute {
  let asked: string;
  try {
    asked = decodeURIComponent(raw);
  } catch {
    return { kind: 'refuse', code: CLOSE.badRequest, reason: 'the symbol in the path is not valid percent-encoding' };
  }
  try {
    return route(instruments.get(asked).symbol);
  } catch (e) {
    if (e instanceof UnknownSymbolError) return { kind: 'refuse', code: CLOSE.notFound, reason: e.message };
    throw e;
  }
}
