import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dir, '..');
const dir = mkdtempSync(join(tmpdir(), 'tickflow-backtest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI as a child process, from the repository root. */
async function tickflow(args: string[], cwd = ROOT) {
  const child = Bun.spawn([process.execPath, join(ROOT, 'cli/tickflow.ts'), 'backtest', ...args], { cwd, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

const write = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
};

const small = {
  name: 'small',
  from: '2021-04-06',
  to: '2021-04-09',
  params: { symbol: 'BTCUSDT' },
  data: [{ symbol: '${symbol}', bundled: true }],
  account: { commissionPct: 0.1 },
  strategies: [{ id: 'sma', kind: 'sma-crossover', symbols: ['${symbol}'], timeframe: '1h', params: { fast: 3, slow: 8 } }],
  sweep: { params: { fast: [3, 5], slow: [8, 13] }, rankBy: 'sortino' },
};

describe('tickflow backtest', () => {
  test('--help; a bad command line is exit 2 with what is wrong', async () => {
    const help = await tickflow(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tickflow backtest <config.json>');
    for (const [args, message] of [
      [[], 'backtest needs a config file'],
      [['a.json', 'b.json'], 'backtest takes one config file, got 2'],
      [['a.json', '--workers', '0'], '--workers must be a whole number from 1 to 64'],
      [['a.json', '--param', 'nonsense'], '--param takes name=value pairs'],
      [['a.json', '--rank-by', 'luck'], '--rank-by must be one of'],
    ] as const) {
      const r = await tickflow([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const noGrid = await tickflow([join(ROOT, 'examples/sma-cross-btc-1h.json'), '--sweep']);
    expect(noGrid.code).toBe(2);
    expect(noGrid.stderr).toContain('has no sweep grid');
  });

  test('a config or data it cannot run is exit 1, each problem on its own line, nothing written', async () => {
    const notJson = await tickflow([write('broken.json', '{"name": ')]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('broken.json: not JSON');
    const bad = await tickflow([write('bad.json', { ...small, strategies: [{ ...small.strategies[0], timeframe: '7m' }] })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('strategies.0.timeframe: timeframe must be one of');
    writeFileSync(join(dir, 'BTCUSDT_1m.csv'), 'open_time,open,high,low,close,volume\n1617667200000,1,2,0.5,1.5,10\n1617667260000,1,2,oops,1.5,10\n');
    const out = join(dir, 'never');
    const data = await tickflow([write('data.json', { ...small, data: [{ symbol: 'BTCUSDT', csv: 'BTCUSDT_1m.csv' }], params: {} }), '--param', 'symbol=BTCUSDT', '--out', out]);
    expect(data.code).toBe(1);
    expect(data.stderr).toContain(`${join(dir, 'BTCUSDT_1m.csv')}:3: low`);
    expect(existsSync(out)).toBe(false);
  });

  test('--sweep runs the grid: the table ranked by --rank-by on stdout, the table and the best run in --out; --param fills a placeholder', async () => {
    const out = join(dir, 'sweep');
    const r = await tickflow([write('sweep.json', small), '--sweep', '--rank-by', 'sharpe', '--param', 'symbol=BTCUSDT', '--out', out, '--workers', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith('ranked by sharpe\n');
    expect(r.stderr).toContain('4 runs');
    const summary = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(summary).toMatchObject({ name: 'small', runs: 4, rankBy: 'sharpe' });
    expect(summary.rows.map((row: { rank: number }) => row.rank)).toEqual([1, 2, 3, 4]);
    const best = JSON.parse(readFileSync(join(out, 'best', 'report.json'), 'utf8'));
    expect(best.name).toBe(`small #${summary.best.run}`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('best/report.html');
  }, 120_000);
});
