/** A message that could not be delivered or processed, with the reason. */
export interface DeadLetter {
  readonly at: number;
  readonly to: string;
  readonly type: string;
  readonly reason: string;
}

/** The most recent dead letters of a host (the counters keep the total; this keeps the why). */
export class DeadLetterLog {
  private readonly recent: DeadLetter[] = [];

  constructor(private readonly keep = 100) {}

  record(letter: DeadLetter): void {
    if (this.recent.length >= this.keep) this.recent.shift();
    this.recent.push(letter);
  }

  list(): DeadLetter[] {
    return [...this.recent];
  }
}

/** The `type` (or another tag) of an unchecked message, for a dead letter's record. */
export const typeName = (value: unknown, key = 'type'): string => {
  const t = (value as Record<string, unknown> | null)?.[key];
  return typeof t === 'string' ? t : '(unknown)';
};
