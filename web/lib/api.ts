/// <reference lib="dom" />
import { hc } from 'hono/client';
// Types only: the request and response shapes are the edge's own (its zod route schemas),
// erased from the bundle. Nothing of the server runs in the page.
import type { AppType } from '../../api/app.ts';

/** Tickflow's REST API, typed from the edge's routes (`AppType`): paths, parameters and answers. */
export const api = hc<AppType>(location.origin);

/** A failed request, with what the server said: problem details (`/api`) or Alpaca's `{code, message}` (`/v2`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(detail);
  }
}

/** The server could not be reached at all (it is down, or the network is). */
export class OfflineError extends ApiError {
  constructor(cause: unknown) {
    super(0, 'Server unreachable', `Tickflow did not answer (${cause instanceof Error ? cause.message : String(cause)}). Is it running?`);
  }
}

type Answer = { ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> };
/** The success answers of a typed response; a route that names no status (`c.json(x)`) types `ok` as boolean, so all of it. */
type OkOf<R> = [Extract<R, { ok: true }>] extends [never] ? R : Extract<R, { ok: true }>;
type BodyOf<R> = Awaited<ReturnType<OkOf<R> extends { json(): infer J } ? () => J : never>>;

/** What an error answer says, whichever of the edge's two error shapes it has. */
export async function errorOf(res: Answer): Promise<ApiError> {
  let body: { title?: unknown; detail?: unknown; message?: unknown; suggestions?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const detail = typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
  const title = typeof body.title === 'string' ? body.title : `HTTP ${res.status}`;
  const suggestions = Array.isArray(body.suggestions) ? body.suggestions.filter((s): s is string => typeof s === 'string') : [];
  return new ApiError(res.status, title, detail, suggestions);
}

/**
 * Sends a typed request and answers its success body, typed by the route's success schema;
 * throws ApiError with the server's words otherwise.
 * `const summary = await call(api.api.market.summary.$get({ query: {} }))`.
 */
export async function call<R extends Answer>(request: Promise<R>): Promise<BodyOf<R>> {
  let res: R;
  try {
    res = await request;
  } catch (e) {
    throw new OfflineError(e);
  }
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as BodyOf<R>;
}

/** An error for the page to show: the server's detail when it said one. */
export const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));
