import { describe, expect, test } from 'bun:test';
import shipped from './instruments.json';
import { InstrumentRegistry, UnknownSymbolError } from './index.ts';

const registryOf = (value: unknown) => {
  const r = InstrumentRegistry.fromJson(value);
  if (!r.ok) throw new Error(r.error);
  return r.registry;
};
const errorOf = (value: unknown) => {
  const r = InstrumentRegistry.fromJson(value);
  if (r.ok) throw new Error('expected the instruments to be refused');
  return r.error;
};

const registry = registryOf(shipped);
const btc = { symbol: 'BTCUSDT', name: 'Bitcoin / TetherUS', class: 'crypto', venue: 'binance', quote: 'USDT', tickSize: 0.01 };
const aapl = { symbol: 'AAPL', name: 'Apple Inc.', class: 'stock', venue: 'nasdaq', sector: 'Information Technology', quote: 'USD', tickSize: 0.01 };

describe('lookup', () => {
  test('get and find ignore case and surrounding spaces', () => {
    expect(registry.get('btcusdt').symbol).toBe('BTCUSDT');
    expect(registry.get(' BtcUsdt ')).toBe(registry.get('BTCUSDT'));
    expect(registry.find('spy')?.venue).toBe('nyse-arca');
    expect(registry.find('NOPE')).toBeUndefined();
  });

  test('an unknown symbol names itself and the closest known symbols', () => {
    const error = (() => {
      try {
        registry.get('btcusd');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownSymbolError);
    expect((error as UnknownSymbolError).message).toBe('Unknown symbol "btcusd": did you mean BTCUSDT?');
    expect((error as UnknownSymbolError).symbol).toBe('btcusd');
  });

  test('suggestions: prefixes first, then typos, at most 3', () => {
    const suggestionsFor = (s: string) => {
      try {
        registry.get(s);
        return [];
      } catch (e) {
        return [...(e as UnknownSymbolError).suggestions];
      }
    };
    expect(suggestionsFor('APPL')).toEqual(['AAPL']);
    expect(suggestionsFor('BTCUSTD')).toEqual(['BTCUSDT']); // a swap is one edit
    expect(suggestionsFor('A')).toEqual(['AAPL', 'ABBV', 'ADBE']);
    expect(suggestionsFor('XOMM')).toEqual(['XOM']);
    expect(suggestionsFor('ZZZZZZ')).toEqual([]);
    expect(() => registry.get('ZZZZZZ')).toThrow('Unknown symbol "ZZZZZZ": no known symbol is close');
  });
});

describe('listing', () => {
  test('byClass counts the bundled universe', () => {
    expect(registry.byClass('crypto')).toHaveLength(8);
    expect(registry.byClass('stock')).toHaveLength(41);
    expect(registry.byClass('macro')).toHaveLength(5);
    expect(registry.all()).toHaveLength(54);
  });

  test('sectors are sorted and unique, and only stocks have one', () => {
    expect(registry.sectors()).toEqual([
      'Communication Services',
      'Consumer Discretionary',
      'Consumer Staples',
      'ETF',
      'Energy',
      'Financials',
      'Health Care',
      'Industrials',
      'Information Technology',
    ]);
    expect(registry.all().filter((i) => i.sector !== undefined)).toEqual(registry.byClass('stock'));
  });

  test('instruments cannot be changed through the registry', () => {
    expect(() => ((registry.get('AAPL') as { tickSize: number }).tickSize = 1)).toThrow();
    expect(Object.isFrozen(registry.all())).toBe(true);
  });
});

describe('search', () => {
  const symbols = (q: string, limit?: number) => registry.search(q, limit).map((i) => i.symbol);

  test('exact symbol, then symbol prefix, then name word prefix, then name substring', () => {
    const r = registryOf({
      instruments: [
        { ...aapl, symbol: 'XCORP', name: 'Inbox Holdings' }, // substring of the name
        { ...aapl, symbol: 'YCORP', name: 'Box Industries' }, // a name word starts with the query
        { ...aapl, symbol: 'BOXX', name: 'Prefix Inc.' }, // symbol prefix
        { ...aapl, symbol: 'BOX', name: 'Exact Inc.' },
      ],
    });
    expect(r.search('box').map((i) => i.symbol)).toEqual(['BOX', 'BOXX', 'YCORP', 'XCORP']);
  });

  test('on the shipped universe, case-insensitive and limited', () => {
    expect(symbols('bitcoin')).toEqual(['BTCUSDT']);
    expect(symbols('c', 3)).toEqual(['C', 'CPIAUCSL', 'CRM']);
    expect(symbols('META')).toEqual(['FB']);
    expect(symbols('bank')).toEqual(['BAC']);
    // "Rate" starts a word of three series names; "Incorporated" only contains it.
    expect(symbols('rate')).toEqual(['DGS10', 'FEDFUNDS', 'UNRATE', 'MA', 'QCOM', 'UNH']);
    expect(symbols('  ')).toEqual([]);
    expect(symbols('apple', 0)).toEqual([]);
  });
});

describe('schema errors name the failing field', () => {
  test('a stock without a sector', () => {
    const { sector: _, ...noSector } = aapl;
    expect(errorOf({ instruments: [btc, noSector] })).toBe('instruments[1].sector: stock AAPL must have a sector');
  });

  test('a sector on anything but a stock', () => {
    expect(errorOf({ instruments: [{ ...btc, sector: 'Crypto' }] })).toBe('instruments[0].sector: only stocks have a sector; crypto BTCUSDT has "Crypto"');
  });

  test('a duplicate symbol names both places', () => {
    expect(errorOf({ instruments: [btc, aapl, btc] })).toBe('instruments[2].symbol: duplicate symbol BTCUSDT (first at instruments[0])');
  });

  test('a negative or zero tick size', () => {
    expect(errorOf({ instruments: [btc, { ...aapl, tickSize: -0.01 }] })).toBe('instruments[1].tickSize: tickSize must be a positive number, got -0.01');
    expect(errorOf({ instruments: [{ ...btc, tickSize: 0 }] })).toContain('instruments[0].tickSize');
  });

  test('lower-case symbols, unknown fields, venues of another class, a missing list', () => {
    expect(errorOf({ instruments: [{ ...btc, symbol: 'btcusdt' }] })).toBe('instruments[0].symbol: symbol must be upper-case letters and digits, got "btcusdt"');
    expect(errorOf({ instruments: [{ ...btc, tick_size: 1 }] })).toStartWith('instruments[0]: ');
    expect(errorOf({ instruments: [{ ...btc, venue: 'nasdaq' }] })).toBe('instruments[0].venue: a crypto instrument trades on binance, not nasdaq');
    expect(errorOf({})).toStartWith('instruments: ');
  });

  test('several problems are all reported', () => {
    expect(errorOf({ instruments: [{ ...btc, tickSize: -1 }, { ...aapl, name: '' }] }).split('; ')).toHaveLength(2);
  });
});
