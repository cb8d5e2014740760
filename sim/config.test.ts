import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marketTimeframes, parseBacktestConfig } from './config.ts';

const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
const strategy = { id: 'sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: { fast: 10, slow: 30 } };
const base = { data: [{ symbol: 'BTCUSDT', bundled: true }], strategies: [strategy] };
const error = (json: unknown, params?: Record<string, string>) => {
  const r = parseBacktestConfig(json, params);
  if (r.ok) throw new Error('accepted');
  return r.error;
};

describe('parseBacktestConfig', () => {
  test('every example in examples/ is a valid config', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = parseBacktestConfig(JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')));
      expect(r.ok ? f : `${f}: ${r.error}`).toBe(f);
    }
  });

  test('defaults: one account of 100,000 the strategies trade, no commission, next-open fills', () => {
    const r = parseBacktestConfig(base);
    if (!r.ok) throw new Error(r.error);
    expect(r.config.account).toEqual({ id: 'backtest', cash: 100_000, commissionPct: 0, slippageBps: 0, allowShort: false });
    expect(r.config.strategies[0]).toMatchObject({ accountId: 'backtest', sizing: { kind: 'fixed', qty: 1 }, direction: 'long-only' });
    expect(r.config.fills).toBe('next-open');
  });

  test('${name} is filled from params, a given value overrides the config\'s, and a missing one is named', () => {
    const json = { ...base, params: { csv: 'a.csv' }, data: [{ symbol: 'BTCUSDT', csv: 'data/${csv}' }] };
    const r = parseBacktestConfig(json, { csv: 'b.csv' });
    expect(r.ok && r.config.data[0]).toEqual({ symbol: 'BTCUSDT', csv: 'data/b.csv' });
    expect(error({ ...json, params: {} })).toBe('no value for ${csv}: add it to params or pass --param csv=...');
  });

  test('times as ISO dates, date-times (UTC without a zone) or epoch ms; to after from', () => {
    const r = parseBacktestConfig({ ...base, from: '2021-04-05', to: '2021-04-06T12:00' });
    expect(r.ok && [r.config.from, r.config.to]).toEqual([Date.UTC(2021, 3, 5), Date.UTC(2021, 3, 6, 12)]);
    expect(error({ ...base, from: 'yesterday' })).toContain('"yesterday" is not a time');
    expect(error({ ...base, from: '2021-04-06', to: '2021-04-05' })).toBe('to must be after from');
  });

  test('a strategy is checked by the strategy schema, its problems prefixed with where it is', () => {
    expect(error({ ...base, strategies: [{ ...strategy, timeframe: '2h' }] })).toStartWith('strategies.0.timeframe: timeframe must be one of');
    expect(error({ ...base, strategies: [strategy, { ...strategy }] })).toBe('strategies: ids must be unique');
    expect(error({ ...base, strategies: [{ ...strategy, symbols: ['ETHUSDT'] }] })).toBe('strategies.0.symbols: ETHUSDT has no data; data lists BTCUSDT');
    expect(error({ ...base, strategies: [{ ...strategy, accountId: 'other' }] })).toContain('a backtest has one account');
  });

  test('data entries: a csv, a db, the engine store or the bundled data, each symbol once', () => {
    expect(error({ ...base, data: [{ symbol: 'BTCUSDT' }] })).toContain('each data entry is {symbol, csv}');
    expect(error({ ...base, data: [{ symbol: 'btcusdt', bundled: true }] })).toContain('upper-case');
    expect(error({ ...base, data: [...base.data, ...base.data] })).toBe('data: each symbol may appear once');
    const r = parseBacktestConfig({ ...base, data: [{ symbol: 'BTCUSDT', store: true }] });
    expect(r.ok && r.config.data[0]).toEqual({ symbol: 'BTCUSDT', store: true, tf: '1m' });
  });

  test('a sweep names a strategy when there are several, and a grid too large is refused', () => {
    const two = { ...base, data: [...base.data, { symbol: 'ETHUSDT', bundled: true }], strategies: [strategy, { ...strategy, id: 'eth', symbols: ['ETHUSDT'] }] };
    expect(error({ ...two, sweep: { params: { fast: [5, 10] } } })).toContain('name the strategy');
    expect(error({ ...two, sweep: { strategy: 'nope', params: { fast: [5] } } })).toContain('no strategy "nope"');
    expect(error({ ...base, sweep: { params: { fast: [1, 2, 3], slow: [1, 2, 3] }, maxRuns: 8 } })).toBe('sweep: the grid has 9 combinations, more than sweep.maxRuns (8)');
    expect(error({ ...base, sweep: { params: { fast: [] } } })).toContain('at least one value');
  });

  test('the market builds every timeframe a strategy hears, finest first', () => {
    const r = parseBacktestConfig({ ...base, strategies: [strategy, { ...strategy, id: 'b', timeframe: '5m', timeframes: ['4h'] }] });
    expect(r.ok && marketTimeframes(r.config.strategies)).toEqual(['5m', '1h', '4h']);
  });
});
