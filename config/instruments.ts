import { fileURLToPath } from 'node:url';
import { DEFAULT_INSTRUMENTS_URL, InstrumentRegistry, type RegistryResult } from '../market/instruments/index.ts';

/**
 * Reads an instrument file (the shipped universe unless told otherwise) into a registry. Like
 * loadConfig it never throws: every failure is an error naming the file, and for a bad entry the
 * failing field (`instruments[3].sector: ...`), so the caller decides what a bad file means.
 */
export async function loadInstruments(path: string | URL = DEFAULT_INSTRUMENTS_URL): Promise<RegistryResult> {
  const file = path instanceof URL ? fileURLToPath(path) : path;
  let text: string;
  try {
    text = await Bun.file(file).text();
  } catch (e) {
    return { ok: false, error: `Cannot read instrument file ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Instrument file ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const result = InstrumentRegistry.fromJson(value);
  return result.ok ? result : { ok: false, error: `Invalid instrument file ${file}: ${result.error}` };
}
