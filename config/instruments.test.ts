import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_INSTRUMENTS_URL } from '../market/instruments/index.ts';
import { loadInstruments } from './instruments.ts';

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
const manifest: { files: { path: string }[] } = await Bun.file(`${DATA_DIR}manifest.json`).json();

// The symbol each bundled file is about, by folder. The futures and aggTrades files are layout
// samples (a LINKUSDT futures slice, XRPETH ticks), not part of the tradable universe.
const SYMBOL_OF_FILE: Record<string, ((name: string) => string) | 'layout sample'> = {
  'crypto/binance_spot_1m': (name) => name.split('_')[0]!,
  'stocks/daily': (name) => name.replace(/_data\.csv\.gz$/, ''),
  'stocks/etf': (name) => name.split('_')[0]!,
  'macro/fred': (name) => name.replace(/\.csv\.gz$/, ''),
  'crypto/binance_um_futures_1m_full': 'layout sample',
  'crypto/binance_spot_aggtrades': 'layout sample',
};

const loaded = async (path?: string) => {
  const r = await loadInstruments(path);
  if (!r.ok) throw new Error(r.error);
  return r.registry;
};
const errorOf = async (path: string) => {
  const r = await loadInstruments(path);
  if (r.ok) throw new Error(`expected ${path} to be refused`);
  return r.error;
};

describe('the shipped instrument file', () => {
  test('loads from its default location', async () => {
    expect((await loaded()).all()).toHaveLength(54);
  });

  test('covers exactly the symbols that have data in data/', async () => {
    const registry = await loaded();
    const withData = manifest.files.flatMap(({ path }) => {
      const folder = path.slice(0, path.lastIndexOf('/'));
      const symbolOf = SYMBOL_OF_FILE[folder];
      if (symbolOf === undefined) throw new Error(`no rule for ${folder}: is it part of the universe?`);
      return symbolOf === 'layout sample' ? [] : [symbolOf(path.slice(folder.length + 1))];
    });
    expect(registry.all().map((i) => i.symbol).sort()).toEqual([...new Set(withData)].sort());
  });

  test('every bundled crypto price lies on its tick', async () => {
    const registry = await loaded();
    for (const { path } of manifest.files.filter((f) => f.path.startsWith('crypto/binance_spot_1m/'))) {
      const { symbol, tickSize } = registry.get(path.split('/')[2]!.split('_')[0]!);
      const tickDecimals = Math.max(0, -Math.floor(Math.log10(tickSize) + 1e-9));
      const csv = new TextDecoder().decode(Bun.gunzipSync(await Bun.file(DATA_DIR + path).bytes()));
      const prices = csv.trim().split('\n').slice(1).flatMap((row) => row.split(',').slice(1, 5));
      const finest = Math.max(...prices.map((p) => p.split('.')[1]?.length ?? 0));
      expect({ symbol, finest }).toEqual({ symbol, finest: tickDecimals });
    }
  });
});

describe('a broken instrument file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-instruments-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test('a bad entry: the error names the file and the failing field', async () => {
    const path = write('no-sector.json', JSON.stringify({ instruments: [{ symbol: 'AAPL', name: 'Apple Inc.', class: 'stock', venue: 'nasdaq', quote: 'USD', tickSize: 0.01 }] }));
    expect(await errorOf(path)).toBe(`Invalid instrument file ${path}: instruments[0].sector: stock AAPL must have a sector`);
  });

  test('not JSON, or no file at all', async () => {
    const path = write('truncated.json', '{"instruments": [');
    expect(await errorOf(path)).toStartWith(`Instrument file ${path} is not valid JSON: `);
    expect(await errorOf(join(dir, 'missing.json'))).toStartWith(`Cannot read instrument file ${join(dir, 'missing.json')}: `);
  });

  test('the default location is the file beside the registry', () => {
    expect(fileURLToPath(DEFAULT_INSTRUMENTS_URL)).toEndWith(join('market', 'instruments', 'instruments.json'));
  });
});
