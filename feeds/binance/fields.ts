import { z } from 'zod';

/**
 * Binance sends prices and quantities as decimal strings ("0.35280000") so that no precision is
 * lost in transit; never with an exponent or a sign. Anything else (a number, "", "abc", "1e5")
 * is a malformed payload, not a price: Number("") would silently be 0.
 */
export const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a decimal string')
  .transform(Number)
  .refine(Number.isFinite, 'decimal string out of range');

/** Times are epoch milliseconds (UTC), sent as JSON numbers. */
export const epochMs = z.number().int().nonnegative();

/** Trade, update and aggregate ids: JSON integers. */
export const id = z.number().int();

export const symbol = z.string().min(1);

/** `data.k.o`, `body[3][1]`: where in the message a field is, as one would write it in code. */
export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), root);
}

/** The first problem zod found, with the field it is about. */
export function firstIssue(root: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${fieldPath(root, issue.path)}: ${issue.message}` : `${root}: invalid`;
}
