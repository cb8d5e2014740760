import type { z } from 'zod';
import type { StrategyDefinition } from './strategy.ts';

/** A config or a module that cannot make a strategy: the message says what to fix. */
export class StrategyConfigError extends Error {
  override readonly name = 'StrategyConfigError';
}

/**
 * A module of your own must export a strategy definition, as `default` or as `strategy`: an
 * object with `name` (a string), `create` (a function taking `{params, config, state}` and
 * answering the strategy's hooks) and, optionally, `params` (a zod schema, or anything with a
 * `safeParse`). Anything else is refused with what was found.
 */
export function definitionFrom(mod: unknown, path: string): StrategyDefinition {
  const m = (mod ?? {}) as Record<string, unknown>;
  const candidate = (m.default ?? m.strategy) as Record<string, unknown> | undefined;
  const exported = Object.keys(m).join(', ') || 'nothing';
  const problem = (what: string) =>
    new StrategyConfigError(`module ${path} must export a strategy definition as default or as \`strategy\` (an object with name, create and optional params): ${what}; it exports ${exported}`);
  if (candidate === undefined || candidate === null || typeof candidate !== 'object') throw problem('no such export');
  if (typeof candidate.name !== 'string' || candidate.name.length === 0) throw problem('its name is not a non-empty string');
  if (typeof candidate.create !== 'function') throw problem('its create is not a function');
  const params = candidate.params as { safeParse?: unknown } | undefined;
  if (params !== undefined && typeof params?.safeParse !== 'function') throw problem('its params is not a zod schema');
  return candidate as unknown as StrategyDefinition;
}

/** A definition's params checked, with its own messages: `params.fast: ...`. */
export function checkParams(definition: StrategyDefinition, params: unknown): unknown {
  if (!definition.params) return params;
  const r = (definition.params as z.ZodType).safeParse(params);
  if (r.success) return r.data;
  throw new StrategyConfigError(r.error.issues.map((i) => `params${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`).join('; '));
}
