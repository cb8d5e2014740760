import { describe, expect, test } from 'bun:test';
import { z } from 'zod';
import { parseArgs, UsageError } from './args.ts';

const spec = {
  command: 'demo',
  options: ['db', 'tf'],
  schema: z.object({ positionals: z.array(z.string()), db: z.string().optional(), tf: z.enum(['1m', '1d'], { error: '--tf must be 1m or 1d' }).optional() }),
};
const args = (...argv: string[]) => {
  const r = parseArgs(argv, spec);
  return r.help ? 'help' : r.args;
};
const refusal = (...argv: string[]) => {
  try {
    parseArgs(argv, spec);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('parseArgs', () => {
  test('options as `--name value` or `--name=value`, anywhere among the positionals', () => {
    expect(args('a.csv', '--db', 'x.db', 'b.csv', '--tf=1m')).toEqual({ positionals: ['a.csv', 'b.csv'], db: 'x.db', tf: '1m' });
  });

  test('`--` ends the options; a lone `-` is a positional', () => {
    expect(args('--', '--db', '-')).toEqual({ positionals: ['--db', '-'] });
    expect(args('-')).toEqual({ positionals: ['-'] });
  });

  test('a flag takes no value: true when given, absent when not, refused with one or twice', () => {
    const flagged = { ...spec, flags: ['json'], schema: spec.schema.extend({ json: z.literal(true).optional() }) };
    const run = (...argv: string[]) => {
      const r = parseArgs(argv, flagged);
      return r.help ? 'help' : r.args;
    };
    expect(run('a.csv', '--json', '--db', 'x.db')).toEqual({ positionals: ['a.csv'], db: 'x.db', json: true });
    expect(run('a.csv')).toEqual({ positionals: ['a.csv'] });
    expect(run('--', '--json')).toEqual({ positionals: ['--json'] });
    expect(() => run('--json=1')).toThrow(new UsageError('--json takes no value'));
    expect(() => run('--json', '--json')).toThrow(new UsageError('--json given twice'));
  });

  test('-h or --help anywhere asks for help, even next to mistakes', () => {
    expect(args('a.csv', '-h')).toBe('help');
    expect(args('--bogus', '--help')).toBe('help');
  });

  test.each([
    [['--bogus'], 'unknown option --bogus; demo takes --db, --tf, --help'],
    [['--bogus=1'], 'unknown option --bogus; demo takes --db, --tf, --help'],
    [['-db', 'x'], 'unknown option -db; demo takes --db, --tf, --help'],
    [['--db'], '--db needs a value'],
    [['--db', '--tf', '1m'], '--db needs a value'],
    [['--db', 'a', '--db', 'b'], '--db given twice'],
    [['--tf', '2h'], '--tf must be 1m or 1d'],
  ])('%j is refused: %s', (argv, message) => {
    expect(refusal(...argv)).toBe(message);
  });
});
