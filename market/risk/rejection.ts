/** Why an order was refused before it reached the book: a code for programs, a message for people. */
export const REJECTION_CODES = [
  'rate_limited',
  'trading_halted',
  'reducing_only',
  'no_price',
  'shorting_not_allowed',
  'max_order_notional',
  'max_position',
  'insufficient_buying_power',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export const reject = (code: RejectionCode, message: string): Rejection => ({ code, message });

/**
 * Money for messages: 2 decimals, thousands separated by commas (`10,523.40`). Written by hand,
 * not with toLocaleString, so a message never depends on the machine's locale.
 */
export function formatMoney(x: number): string {
  const [whole, cents] = Math.abs(x).toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x < 0 && Number(`${whole}.${cents}`) !== 0 ? '-' : ''}${grouped}.${cents}`;
}
