import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/**
 * Alpaca's error shape, `{"code": 40010001, "message": "..."}`, with its HTTP status. Alpaca's
 * codes are the status followed by a number; the few below are the ones its API answers with
 * and its clients look at. The /v2 routes throw AlpacaError and the Alpaca app renders it once,
 * so every failure of these routes, validation included, leaves in this shape and never as
 * the rest of the edge's problem+json.
 */
export const ALPACA_CODES = {
  malformed: 40010000,
  invalid: 40010001,
  unauthorized: 40110000,
  forbidden: 40310000,
  notFound: 40410000,
  unprocessable: 42210000,
  rateLimited: 42910000,
  unavailable: 50310000,
  internal: 50010000,
} as const;

export class AlpacaError extends Error {
  override readonly name = 'AlpacaError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const alpacaJson = (c: Context, status: ContentfulStatusCode, code: number, message: string) => c.json({ code, message }, status);

/** 400: a body that is not JSON at all (Alpaca's "request body format is invalid"). */
export const malformedBody = (why: string) => new AlpacaError(400, ALPACA_CODES.malformed, `request body format is invalid: ${why}`);

/** 422: a request that parsed but says something impossible; the message names each field at fault. */
export const invalidRequest = (message: string) => new AlpacaError(422, ALPACA_CODES.invalid, message);

export const notFound = (message: string) => new AlpacaError(404, ALPACA_CODES.notFound, message);

/** A zod refusal as one 422 joining every issue's message; the schemas here write each message with its field's name. */
export const fromZod = (error: ZodError) => invalidRequest(error.issues.map((i) => i.message).join('; '));

/**
 * The account actor's refusals (actors/account decide.ts, market/risk) as Alpaca answers them:
 * a risk refusal is a 403 like Alpaca's "insufficient buying power", the submit rate a 429, an
 * order that cannot be canceled or replaced a 422, an unknown one a 404.
 */
export function refusal(code: string, message: string): AlpacaError {
  switch (code) {
    case 'not_found':
      return notFound(message);
    case 'invalid_request':
    case 'not_cancelable':
    case 'not_replaceable':
    case 'no_price':
      return invalidRequest(message);
    case 'rate_limited':
      return new AlpacaError(429, ALPACA_CODES.rateLimited, message);
    default:
      // insufficient_buying_power, shorting_not_allowed, max_order_notional, max_position, trading_halted, reducing_only
      return new AlpacaError(403, ALPACA_CODES.forbidden, message);
  }
}
