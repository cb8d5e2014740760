import { isTopicSegment } from '../../engine/names.ts';
import { INSTRUMENT_CLASSES, UnknownSymbolError, type Instrument, type InstrumentRegistry } from '../../market/instruments/index.ts';
import { TIMEFRAMES } from '../../market/timeframes.ts';
import type { ErrorCode } from './protocol.ts';

type Role = 'symbol' | 'tf' | 'class' | 'name';

/**
 * The shape of each market topic kind, as market/topics.ts builds them: what a client may
 * subscribe to. The first segment is always concrete, so no client can ask for everything.
 */
const SHAPES: Record<string, readonly Role[]> = {
  tick: ['symbol'],
  candle: ['symbol', 'tf'],
  indicators: ['symbol', 'tf'],
  gap: ['symbol'],
  stats: ['class', 'symbol'],
  feed: ['name'],
  forecast: ['symbol', 'tf'],
  outcome: ['symbol', 'tf'],
  signal: ['name'], // a strategy's id
  backtest: ['name'], // a backtest job's id: its progress
};
const shapeOf = (kind: string) => `${kind}.${SHAPES[kind]!.map((r) => `<${r}>`).join('.')}`;

export type TopicCheck = { ok: true; pattern: string } | { ok: false; code: Extract<ErrorCode, 'invalid-topic' | 'unknown-symbol'>; message: string; suggestions?: readonly string[] };

const invalid = (message: string): TopicCheck => ({ ok: false, code: 'invalid-topic', message });

/**
 * A subscription as a client wrote it (`candle.btcusdt.1m`, `stats.crypto.*`, `tick.>`) into the
 * canonical pattern the hub listens on (`candle.BTCUSDT.1m`), or why not: every concrete symbol
 * must be in the registry (any case), every timeframe and class one that exists.
 */
export function checkTopic(text: string, instruments: InstrumentRegistry): TopicCheck {
  const [kind = '', ...rest] = text.split('.');
  const shape = SHAPES[kind];
  if (!shape) return invalid(`"${text}": a topic starts with one of ${Object.keys(SHAPES).join(', ')}`);
  const out = [kind];
  let cls: string | undefined;
  let instrument: Instrument | undefined;
  for (const [i, seg] of rest.entries()) {
    const role = shape[i];
    if (role === undefined) return invalid(`"${text}" has too many segments: expected ${shapeOf(kind)}`);
    if (seg === '>') {
      if (i !== rest.length - 1) return invalid(`"${text}": ">" may only be the last segment`);
      out.push(seg);
      break;
    }
    if (seg === '*') {
      out.push(seg);
      continue;
    }
    if (!isTopicSegment(seg)) return invalid(`"${text}": segment ${JSON.stringify(seg)} is not a name (letters, digits and _ : @ = -)`);
    if (role === 'symbol') {
      instrument = instruments.find(seg);
      if (!instrument) {
        const e = unknownSymbol(instruments, seg);
        return { ok: false, code: 'unknown-symbol', message: e.message, suggestions: e.suggestions };
      }
      out.push(instrument.symbol);
    } else if (role === 'tf') {
      if (!(TIMEFRAMES as readonly string[]).includes(seg)) return invalid(`"${text}": timeframe must be one of ${TIMEFRAMES.join(', ')}, got "${seg}"`);
      out.push(seg);
    } else if (role === 'class') {
      if (!(INSTRUMENT_CLASSES as readonly string[]).includes(seg)) return invalid(`"${text}": class must be one of ${INSTRUMENT_CLASSES.join(', ')}, got "${seg}"`);
      cls = seg;
      out.push(seg);
    } else out.push(seg);
  }
  if (out.length <= shape.length && out.at(-1) !== '>') return invalid(`"${text}" is incomplete: expected ${shapeOf(kind)}`);
  if (cls && instrument && instrument.class !== cls) return invalid(`"${text}": ${instrument.symbol} is ${instrument.class}, not ${cls}`);
  return { ok: true, pattern: out.join('.') };
}

/** The registry's own error for a symbol it does not know, with the closest ones it does. */
function unknownSymbol(instruments: InstrumentRegistry, symbol: string): { message: string; suggestions: readonly string[] } {
  try {
    instruments.get(symbol);
  } catch (e) {
    if (e instanceof UnknownSymbolError) return { message: e.message, suggestions: e.suggestions };
    throw e;
  }
  return { message: `Unknown symbol ${JSON.stringify(symbol)}`, suggestions: [] };
}
