// The bundled data must be exactly what data/SOURCES.md describes: a clone has no other copy,
// so a truncated, re-encoded or undocumented file would silently change every replay built on it.
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const DATA_DIR = fileURLToPath(new URL('./', import.meta.url));
const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MINUTE_MS = 60_000;

const manifestSchema = z.object({
  files: z.array(
    z.object({
      path: z.string(),
      header: z.string(),
      rows: z.number().int().positive(),
      lineEnding: z.enum(['lf', 'crlf']),
      timeColumn: z.string(),
      first: z.string(),
      last: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
const manifest = manifestSchema.parse(await Bun.file(`${DATA_DIR}manifest.json`).json()).files;
const sources = await Bun.file(`${DATA_DIR}SOURCES.md`).text();

const filesUnder = (dir: string, suffix: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith(suffix))
    .map((p) => p.split('\\').join('/'))
    .sort();

const decoded = new Map<string, string>();
/** The CSV's text, gunzipped once and shared by every test that reads it. */
const csvText = (path: string) => {
  let text = decoded.get(path);
  if (text === undefined) {
    text = new TextDecoder().decode(Bun.gunzipSync(readFileSync(`${DATA_DIR}${path}`)));
    decoded.set(path, text);
  }
  return text;
};
const csvLines = (path: string) => csvText(path).replace(/\r?\n$/, '').split(/\r?\n/);
const lineEndingOf = (text: string) => (!text.includes('\r') ? 'lf' : text.split('\r\n').every((l) => !l.includes('\n')) ? 'crlf' : 'mixed');

describe('data/ against SOURCES.md and manifest.json', () => {
  test('SOURCES.md, the manifest and the disk list the same files', () => {
    const documented = [...sources.matchAll(/`([\w./-]+\.csv\.gz)`/g)].map((m) => m[1]!);
    const onDisk = filesUnder(DATA_DIR, '.csv.gz');
    expect([...new Set(documented)].sort()).toEqual(onDisk);
    expect(manifest.map((f) => f.path).sort()).toEqual(onDisk);
    expect(onDisk).toHaveLength(56);
  });

  test('the row counts in SOURCES.md tables are the manifest ones', () => {
    const stated = [...sources.matchAll(/^\| `([\w./-]+\.csv\.gz)` \| ([\d,]+) \|/gm)];
    expect(stated).toHaveLength(manifest.length);
    for (const [, path, rows] of stated) {
      expect({ path, rows: Number(rows!.replaceAll(',', '')) }).toEqual({ path, rows: manifest.find((f) => f.path === path)!.rows });
    }
  });

  test.each(manifest.map((f) => [f.path, f] as const))('%s gunzips to its header, rows, time span and hash', (path, f) => {
    expect(statSync(`${DATA_DIR}${path}`).size).toBeLessThan(MAX_FILE_BYTES);
    const lines = csvLines(path);
    expect(lines[0]).toBe(f.header);
    expect(lines.length - 1).toBe(f.rows);
    const col = f.header.split(',').indexOf(f.timeColumn);
    expect(col).toBeGreaterThanOrEqual(0);
    expect([lines[1]!.split(',')[col], lines.at(-1)!.split(',')[col]]).toEqual([f.first, f.last]);
    expect(lineEndingOf(csvText(path))).toBe(f.lineEnding);
    expect(new Bun.CryptoHasher('sha256').update(csvText(path)).digest('hex')).toBe(f.sha256);
  });
});

describe('the Binance spot halts of April 2021', () => {
  const spot = manifest.filter((f) => f.path.startsWith('crypto/binance_spot_1m/'));
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

  test('all 8 pairs are bundled', () => expect(spot).toHaveLength(8));

  test.each(spot.map((f) => [f.path] as const))('%s has exactly the 2021-04-20 and 2021-04-25 gaps', (path) => {
    const times = csvLines(path).slice(1).map((l) => Number(l.slice(0, l.indexOf(','))));
    const gaps: { from: string; to: string }[] = [];
    for (let i = 1; i < times.length; i++) {
      const step = times[i]! - times[i - 1]!;
      expect(step).toBeGreaterThan(0); // strictly increasing: no duplicates, no reordering
      if (step !== MINUTE_MS) gaps.push({ from: iso(times[i - 1]!), to: iso(times[i]!) });
    }
    // XRPUSDT and LTCUSDT kept one more candle (04:01) before the second halt.
    const lastBeforeSecond = /\/(XRP|LTC)USDT_/.test(path) ? '2021-04-25T04:01' : '2021-04-25T04:00';
    expect(gaps).toEqual([
      { from: '2021-04-20T01:59', to: '2021-04-20T04:30' },
      { from: lastBeforeSecond, to: '2021-04-25T08:45' },
    ]);
  });
});

test('every file in fixtures/ is described in fixtures/SOURCES.md', async () => {
  const described = await Bun.file(`${FIXTURES_DIR}SOURCES.md`).text();
  const files = filesUnder(FIXTURES_DIR, '').filter((p) => /\.(json|txt)$/.test(p));
  expect(files).toHaveLength(25);
  for (const p of files) expect({ p, described: described.includes(`\`${p.split('/').at(-1)}\``) }).toEqual({ p, described: true });
});
