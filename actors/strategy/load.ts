import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { BUILTINS } from '../../strategies/builtins/index.ts';
import { describeIssues, strategyConfigSchema, type StrategyConfig } from '../../strategies/config.ts';
import { checkParams, definitionFrom, StrategyConfigError } from '../../strategies/module.ts';
import type { StrategyDefinition } from '../../strategies/strategy.ts';

const requireHere = createRequire(import.meta.url);

/** A config's module path made absolute against `base` (the working directory) and checked to exist. */
export function resolveModulePath(path: string, base: string = process.cwd()): string {
  const abs = isAbsolute(path) ? path : resolve(base, path);
  if (!existsSync(abs)) throw new StrategyConfigError(`module: no file at ${abs}`);
  return abs;
}

/** A strategy module loaded by dynamic import and checked (strategies/module.ts says what it must export). */
export async function importDefinition(absPath: string): Promise<StrategyDefinition> {
  let mod: unknown;
  try {
    mod = await import(absPath);
  } catch (e) {
    throw new StrategyConfigError(`module ${absPath} failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  return definitionFrom(mod, absPath);
}

/**
 * The definition a config names, synchronously: an actor's init cannot wait, and Bun loads
 * TypeScript and ES modules through require too. startStrategy imported and checked the module
 * before spawning, so this only fails when the file changed in between.
 */
export function definitionOf(config: StrategyConfig): StrategyDefinition {
  if (config.kind !== undefined) return BUILTINS[config.kind];
  return definitionFrom(requireHere(config.module!), config.module!);
}

/**
 * A config from JSON, checked all the way: the schema, the module (imported, its exports
 * checked), the params against the definition's schema, and one `create` (a definition may
 * refuse a combination, as multi-timeframe does a trend timeframe the config does not hear).
 * A relative module path becomes absolute against `base`. Throws StrategyConfigError with a
 * message a 400 can carry.
 */
export async function parseStrategyConfig(input: unknown, base?: string): Promise<{ config: StrategyConfig; definition: StrategyDefinition }> {
  const parsed = strategyConfigSchema.safeParse(input);
  if (!parsed.success) throw new StrategyConfigError(describeIssues(parsed.error));
  let config = parsed.data;
  let definition: StrategyDefinition;
  if (config.module !== undefined) {
    config = { ...config, module: resolveModulePath(config.module, base) };
    definition = await importDefinition(config.module!);
  } else {
    definition = BUILTINS[config.kind!];
  }
  const params = checkParams(definition, config.params);
  try {
    definition.create({ params, config });
  } catch (e) {
    throw new StrategyConfigError(e instanceof StrategyConfigError ? e.message : `${definition.name} refused the config: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { config, definition };
}
