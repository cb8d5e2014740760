/** Where a command writes; the real process in production, the same in tests (they spawn the CLI). */
export interface Io {
  /** One line of results, on stdout. */
  out(line: string): void;
  /** One line of diagnostics, on stderr. */
  err(line: string): void;
  /** Raw text for a progress display; undefined when stderr is not a terminal, so logs stay clean. */
  readonly progress?: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A subcommand of `tickflow`. `run` gets the arguments after its name and returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for the root help. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}

/** Exit codes: 1 when the work failed (a file refused), 2 when the command line itself is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
