/**
 * Reads the real data shipped in data/ (gzip-compressed CSVs, provenance in data/SOURCES.md).
 * For tests, benchmarks and the demo; the engine itself imports through the import CLI.
 */
const ROOT = new URL('./', import.meta.url);

/** The text of a bundled file, e.g. `crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv`. */
export async function readBundled(path: string): Promise<string> {
  const file = Bun.file(new URL(`${path}.gz`, ROOT));
  if (!(await file.exists())) throw new Error(`no bundled data file data/${path}.gz (see data/SOURCES.md)`);
  return new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await file.arrayBuffer())));
}

/** Rows of a headed CSV as records of strings (bundled files are plain: no quoted commas). */
export function csvRows(text: string): Record<string, string>[] {
  const lines = text.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
