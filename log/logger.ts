/**
 * Structured logs: one JSON object per line on stdout, so a collector can parse every line
 * without guessing. Edge and composition-root code only; actors report through engine events.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Whether a line at `level` would be written: a hot path asks before it builds the fields. */
  enabled(level: LogLevel): boolean;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => void process.stdout.write(line + '\n'),
  now: () => number = Date.now,
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const enabled = (l: LogLevel) => LOG_LEVELS.indexOf(l) >= threshold;
  const at = (l: LogLevel) => (msg: string, fields: LogFields = {}) => {
    if (!enabled(l)) return;
    // Written last, so a field can never pass itself off as the time, level or message.
    write(JSON.stringify({ ...fields, time: new Date(now()).toISOString(), level: l, msg }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), enabled };
}
