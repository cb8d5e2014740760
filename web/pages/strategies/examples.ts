/// <reference lib="dom" />

/**
 * Example configs for the start forms: the ones the API documents itself (the `example` of the
 * request schemas in /openapi.json), so the page offers exactly what the server's own docs show
 * and never a config of its own making that could drift from what the server accepts.
 */
export interface Examples {
  backtest: unknown;
  strategy: unknown;
}

type Doc = { components?: { schemas?: Record<string, { example?: unknown; properties?: Record<string, { example?: unknown }> }> } };

let cached: Promise<Examples> | null = null;

export function examples(): Promise<Examples> {
  cached ??= (async () => {
    const res = await fetch('/openapi.json');
    if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
    const schemas = ((await res.json()) as Doc).components?.schemas ?? {};
    return { backtest: schemas.BacktestSubmit?.properties?.config?.example ?? null, strategy: schemas.StrategyConfig?.example ?? null };
  })().catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

export const pretty = (value: unknown) => JSON.stringify(value, null, 2);
