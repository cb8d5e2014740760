import { basename } from 'node:path';
import { parseCsv, type ParsedCsv } from '../feeds/csv/index.ts';
import type { Io } from './command.ts';
import { ProgressBar } from './progress.ts';
import { readText } from './read-text.ts';

/** Files smaller than this are checked in a blink: no progress bar. */
const PROGRESS_MIN_BYTES = 1 << 20;
/** A broken file can have thousands of bad lines; the first ones say enough. */
export const MAX_ERRORS_SHOWN = 20;

/**
 * Reads and checks a CSV for a command: every row validated, a progress bar on large files.
 * Returns the parsed file, or null after printing why (`file:line: reason` for each bad line,
 * then `file: <outcome> (N invalid lines)`), so a command never acts on half a file.
 */
export async function readValidCsv(file: string, io: Io, outcome: string): Promise<ParsedCsv | null> {
  let text: string;
  try {
    text = await readText(file);
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}`);
    return null;
  }
  const bar = new ProgressBar(text.length >= PROGRESS_MIN_BYTES ? io.progress : undefined, basename(file));
  const parsed = parseCsv(text, { file, onProgress: (done, total) => bar.update('checking', done, total) });
  bar.clear();
  if (parsed.errors.length === 0) return parsed;
  for (const e of parsed.errors.slice(0, MAX_ERRORS_SHOWN)) io.err(`${e.file}:${e.line}: ${e.reason}`);
  if (parsed.errors.length > MAX_ERRORS_SHOWN) io.err(`${file}: … and ${parsed.errors.length - MAX_ERRORS_SHOWN} more errors`);
  io.err(`${file}: ${outcome} (${parsed.errors.length} invalid line${parsed.errors.length === 1 ? '' : 's'})`);
  return null;
}
