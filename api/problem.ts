import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** A parameter that was refused, and why: what a client needs to fix one field of a form. */
export const FieldErrorSchema = z.object({
  field: z.string().openapi({ example: 'tf' }),
  message: z.string().openapi({ example: 'timeframe must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2m"' }),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details: the one shape every error response of the edge takes. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Unknown symbol' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?' }),
    /** Validation failures: one entry per refused parameter. */
    errors: z.array(FieldErrorSchema).optional(),
    /** Unknown symbols: the closest known ones. */
    suggestions: z.array(z.string()).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof ProblemSchema>;

type Extras = Pick<Problem, 'errors' | 'suggestions'>;

/**
 * An expected failure a handler cannot answer past (unknown symbol, bad parameter, no model):
 * thrown anywhere under a route, rendered once by the app's onError. Handlers then only return
 * their success shape, and the error shapes stay identical everywhere.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail: string,
    readonly extras: Extras = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** A 400 naming the one field at fault. */
export const badParameter = (field: string, message: string) =>
  new ProblemError(400, 'Invalid request', `${field}: ${message}`, { errors: [{ field, message }] });

export function problem(c: Context, status: ContentfulStatusCode, title: string, detail: string, extras: Extras = {}, headers: Record<string, string> = {}) {
  const body: Problem = { type: 'about:blank', title, status, detail, ...extras };
  return c.json(body, status, { ...headers, 'Content-Type': 'application/problem+json' });
}

export const renderProblem = (c: Context, e: ProblemError) => problem(c, e.status, e.title, e.detail, e.extras, e.headers);

/** `tf`, `from`, `symbol`: the path of a zod issue as the client spelled the parameter. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(request)', message: i.message }));
}

/**
 * zod-openapi's defaultHook: a request refused by a route's schemas becomes a 400 problem naming
 * each failing field, instead of the validator's raw ZodError.
 */
export function validationProblem(result: { success: true } | { success: false; error: ZodError }, c: Context) {
  if (result.success) return undefined;
  const errors = fieldErrors(result.error);
  return problem(c, 400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}
