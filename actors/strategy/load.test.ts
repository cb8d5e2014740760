import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { definitionOf, parseStrategyConfig } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-strategy-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { id: 'a', symbols: ['BTCUSDT'], timeframe: '1h' as const, accountId: 'acc' };
const refusal = async (input: unknown) => {
  try {
    await parseStrategyConfig(input, dir);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('accepted');
};

test('a built-in config gets its defaults', async () => {
  const { config, definition } = await parseStrategyConfig({ ...base, kind: 'sma-crossover' });
  expect(definition.name).toBe('sma-crossover');
  expect(config).toEqual({ ...base, kind: 'sma-crossover', timeframes: [], params: {}, sizing: { kind: 'fixed', qty: 1 }, exits: {}, direction: 'long-only', warmup: 500 });
});

test('every mistake in a config is named by its path', async () => {
  expect(await refusal({ ...base, kind: 'sma-crossover', id: 'Bad Id' })).toBe('id: must be 1 to 48 lower-case letters, digits, _ or - (starting with a letter or digit), got "Bad Id"');
  expect(await refusal({ ...base, kind: 'macd' })).toBe('kind: must be one of sma-crossover, ema-crossover, rsi-reversion, bollinger-breakout, forecast, multi-timeframe, got "macd"');
  expect(await refusal({ ...base })).toBe('kind: give exactly one of kind (a built-in) and module (a path)');
  expect(await refusal({ ...base, kind: 'sma-crossover', symbols: ['btc/usdt'] })).toBe('symbols.0: must be upper-case letters and digits as Tickflow writes symbols (BTCUSDT), got "btc/usdt"');
  expect(await refusal({ ...base, kind: 'sma-crossover', timeframe: '2h' })).toBe('timeframe: timeframe must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2h"');
  expect(await refusal({ ...base, kind: 'sma-crossover', sizing: { kind: 'kelly' } })).toBe('sizing.kind: must be fixed, equity or volatility, got "kelly"');
  expect(await refusal({ ...base, kind: 'sma-crossover', sizing: { kind: 'equity', pct: 150 }, capital: 1000 })).toBe('sizing.pct: must be at most 100');
  expect(await refusal({ ...base, kind: 'sma-crossover', sizing: { kind: 'volatility', targetPct: 20 } })).toBe('capital: sizing volatility needs capital: the money the strategy sizes from');
  expect(await refusal({ ...base, kind: 'sma-crossover', exits: { stopLossPct: -1 } })).toBe('exits.stopLossPct: must be above 0');
  expect(await refusal({ ...base, kind: 'sma-crossover', direction: 'short-only' })).toBe('direction: must be long-only or long-short');
  expect(await refusal({ ...base, kind: 'sma-crossover', colour: 'red' })).toContain('Unrecognized key: "colour"');
  expect(await refusal({ ...base, kind: 'sma-crossover', params: { fast: 40 } })).toBe('params.fast: must be shorter than slow');
  expect(await refusal({ ...base, kind: 'multi-timeframe', timeframe: '5m' })).toBe("multi-timeframe refused the config: params.trendTimeframe 1h must be one of the config's timeframes (add it to timeframes)");
});

test('the example module loads from a path relative to the working directory, as the README starts it', async () => {
  const { config, definition } = await parseStrategyConfig({ ...base, module: 'examples/strategies/donchian-breakout.ts', params: { entry: 30 } });
  expect(config.module).toBe(resolve('examples/strategies/donchian-breakout.ts'));
  expect(definition.name).toBe('donchian-breakout');
  expect(definitionOf(config)).toBe(definition); // the actor's synchronous load finds the same module
  expect(await parseStrategyConfig({ ...base, module: 'examples/strategies/donchian-breakout.ts', params: { entry: 1 } }).catch((e: Error) => e.message)).toBe('params.entry: Too small: expected number to be >=2');
});

test('a module that does not export a strategy, or does not load, is refused with what it exports', async () => {
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
  expect(await refusal({ ...base, module: 'nowhere.ts' })).toBe(`module: no file at ${join(dir, 'nowhere.ts')}`);
  expect(await refusal({ ...base, module: write('empty.ts', 'export const x = 1;') })).toBe(
    `module ${join(dir, 'empty.ts')} must export a strategy definition as default or as \`strategy\` (an object with name, create and optional params): no such export; it exports x`,
  );
  expect(await refusal({ ...base, module: write('nocreate.ts', "export const strategy = { name: 'n' };") })).toContain('its create is not a function; it exports strategy');
  expect(await refusal({ ...base, module: write('badparams.ts', "export default { name: 'n', params: 3, create: () => ({}) };") })).toContain('its params is not a zod schema');
  expect(await refusal({ ...base, module: write('broken.ts', 'export default {') })).toStartWith(`module ${join(dir, 'broken.ts')} failed to load:`);
  expect(await refusal({ ...base, module: write('refuses.ts', "export default { name: 'n', create: () => { throw new Error('needs 2 symbols'); } };") })).toBe('n refused the config: needs 2 symbols');
  const ok = await parseStrategyConfig({ ...base, module: write('plain.mjs', "export const strategy = { name: 'plain', create: () => ({ onCandle: () => [] }) };") }, dir);
  expect(ok.definition.name).toBe('plain');
});
