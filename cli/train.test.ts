import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelCardSchema } from '../models/registry/card-schema.ts';
import type { Io } from './command.ts';
import { main } from './tickflow.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `tickflow train …` in-process, collecting what it prints and draws. */
async function train(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const drawn: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), progress: (t) => drawn.push(t), env: {} };
  const code = await main(['train', ...args], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), drawn };
}

// Few trees: what is tested here is the command, not the models (shipped.test.ts retrains those).
const QUICK = ['--max-trees', '8'];

describe('tickflow train', () => {
  test(
    'trains crypto 1h h4 into <out>/crypto-1h-h4 and prints the figures beside the baselines',
    async () => {
      const r = await train(['--out', dir, ...QUICK]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('crypto-1h-h4@1: log return over the next 4 1h candles, 8 symbols pooled');
      expect(lines[1]).toStartWith('rows: train 3,280 (2021-04-04 01:00 .. 2021-04-21 04:00), validation 736, evaluation 1,024');
      for (const measure of ['MAE of the log return', 'hit rate (direction)', '10-90% coverage (0.800)', 'pinball loss q10/q90']) {
        expect(lines.filter((l) => l.trimStart().startsWith(measure))).toHaveLength(2); // evaluation and walk-forward
      }
      expect(lines.find((l) => l.includes('hit rate (direction)'))).toMatch(/ (zero return|last return sign|training drift sign) +(yes|no)$/);
      expect(lines.at(-1)).toBe(`wrote ${join(dir, 'crypto-1h-h4')}: q10.onnx, q50.onnx, q90.onnx, card.json`);

      const card = modelCardSchema.parse(JSON.parse(readFileSync(join(dir, 'crypto-1h-h4', 'card.json'), 'utf8')));
      expect(card.params.maxTrees).toBe(8);
      expect(card.reproduce).toBe('tickflow train --class crypto --tf 1h --horizon 4 --seed 1 --max-trees 8');
      const overall = card.metrics.overall;
      const maeLine = lines.find((l) => l.includes('MAE of the log return'))!;
      expect(maeLine).toContain(`${overall.mae.model.toFixed(5)}   ${overall.mae.zeroReturn.toFixed(5)} zero return`);
      expect(maeLine.trimEnd()).toEndWith(overall.beatsBaseline.mae ? 'yes' : 'no');
      expect(r.drawn.some((t) => t.includes('fold 3/3 q90'))).toBe(true);
    },
    30_000,
  );

  test(
    '--json prints the card written, and a --model-version sits beside version 1',
    async () => {
      const r = await train(['--out', dir, ...QUICK, '--json', '--horizon', '2', '--model-version', '2', '--seed', '7']);
      expect(r.code).toBe(0);
      const card = modelCardSchema.parse(JSON.parse(r.stdout));
      expect([card.id, card.version, card.horizon, card.seed]).toEqual(['crypto-1h-h2', 2, 2, 7]);
      expect(r.stdout + '\n').toBe(readFileSync(join(dir, 'crypto-1h-h2@2', 'card.json'), 'utf8'));
      expect(existsSync(join(dir, 'crypto-1h-h2@2', 'q50.onnx'))).toBe(true);
    },
    30_000,
  );

  test.each([
    [['--class', 'macro'], '--class must be crypto or stock, got "macro"'],
    [['--class', 'stock', '--tf', '1h'], '--tf 1h cannot be trained for stock from the bundled data; use 1d'],
    [['--tf', '1d'], '--tf 1d cannot be trained for crypto from the bundled data; use 1m, 5m, 15m, 1h, 4h'],
    [['--horizon', '0'], '--horizon must be a whole number from 1 to 48, got "0"'],
    [['--horizon', '2.5'], '--horizon must be a whole number from 1 to 48, got "2.5"'],
    [['--seed', '-1'], '--seed must be a whole number from 0 to 4294967295, got "-1"'],
    [['--max-trees', 'many'], '--max-trees must be a whole number from 1 to 10000, got "many"'],
    [['--json', '--json'], '--json given twice'],
    [['--epochs', '3'], 'unknown option --epochs; train takes --class, --tf, --horizon, --out, --seed, --max-trees, --model-version, --help'],
    [['crypto'], 'train takes no files or words, got "crypto"'],
  ])('%j is a usage error: exit 2, nothing trained', async (args, message) => {
    const r = await train(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tickflow train: ${message}. Run tickflow train --help.`);
  });

  test('--help documents the split, the baselines, the options and the files', async () => {
    const r = await train(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith('Usage: tickflow train [--class crypto|stock] [--tf <tf>] [--horizon <n>]');
    for (const words of ['walk-forward', 'zero return', '--max-trees <n>', '--model-version <n>', 'card.json', 'same bytes']) expect(r.stdout).toContain(words);
  });
});
