import { z } from 'zod';

// Alpaca's clients send numbers as strings ("qty": "10"), some as JSON numbers; both are taken.
// A string must be plain decimal notation: "1e3", "0x10", "Infinity" and "" are refused rather
// than guessed at, since a mistyped quantity is money.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export interface DecimalBounds {
  /** The value must be below this (trail_percent < 100). */
  readonly below?: number;
}

/**
 * A positive decimal field, optional (null and a missing key both give undefined). Every message
 * names the field by its full path (`stop_loss.stop_price`), since the issue path alone does not
 * reach a client that only prints the message.
 */
export function positiveDecimal(field: string, bounds: DecimalBounds = {}) {
  return z
    .unknown()
    .transform((input, ctx): number | undefined => {
      if (input === null || input === undefined) return undefined;
      const refuse = (message: string) => {
        ctx.addIssue({ code: 'custom', message, input });
        return z.NEVER;
      };
      let value: number;
      if (typeof input === 'number') value = input;
      else if (typeof input === 'string') {
        const text = input.trim();
        if (!DECIMAL.test(text)) return refuse(`${field} must be a decimal number, got ${JSON.stringify(input)}`);
        value = Number(text);
      } else return refuse(`${field} must be a number or a decimal string, got ${describe(input)}`);
      if (!Number.isFinite(value)) return refuse(`${field} must be a finite number, got ${String(value)}`);
      if (value < 0) return refuse(`${field} must not be negative, got ${JSON.stringify(input)}`);
      if (value === 0) return refuse(`${field} must be greater than 0, got ${JSON.stringify(input)}`);
      if (bounds.below !== undefined && value >= bounds.below) return refuse(`${field} must be less than ${bounds.below}, got ${JSON.stringify(input)}`);
      return value;
    })
    .optional();
}

/** A boolean, or the strings "true"/"false" that form-minded clients send. */
export function flag(field: string) {
  return z
    .unknown()
    .transform((input, ctx): boolean | undefined => {
      if (input === null || input === undefined) return undefined;
      if (typeof input === 'boolean') return input;
      if (input === 'true' || input === 'false') return input === 'true';
      ctx.addIssue({ code: 'custom', message: `${field} must be true or false, got ${describe(input)}`, input });
      return z.NEVER;
    })
    .optional();
}

/** One of `values`, with a message that names the field and lists what it may be. */
export function oneOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be one of ${values.join(', ')}, got ${describe(issue.input)}`),
  });
}

export function describe(input: unknown): string {
  if (input === null) return 'null';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return Array.isArray(input) ? 'an array' : `a value of type ${typeof input}`;
}
