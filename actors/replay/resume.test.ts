import { expect, test } from 'bun:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { TIMEFRAMES } from '../../market/timeframes.ts';
import { CandleStore, ForecastStore, open } from '../../storage/sqlite/index.ts';

const PAIRS = ['BTCUSDT', 'ETHUSDT'];
const SCRIPT = new URL('./testing/replay-to-end.ts', import.meta.url).pathname;

const replayToEnd = (db: string, speed = 0) => Bun.spawn(['bun', SCRIPT, db, PAIRS.join(','), String(speed)], { stdout: 'pipe', stderr: 'inherit' });
/**
 * The victim runs on the live clock at 20,000× (a 1m bar every 3 ms: the 2,000 bars before the
 * kill take about 6 s, the month 2 minutes), so the kill lands part-way however loaded the
 * machine is: at full speed a starved poller once saw the replay finish first.
 */
const VICTIM_SPEED = 20_000;

async function viewsOf(proc: ReturnType<typeof replayToEnd>): Promise<unknown> {
  const out = await new Response(proc.stdout).text();
  expect(await proc.exited).toBe(0);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const stored1m = (db: string) => {
  const handle = open(db);
  try {
    return Math.min(...PAIRS.map((p) => new CandleStore(handle).count(p, '1m')));
  } catch {
    return 0; // not created yet
  } finally {
    handle.close();
  }
};

test('a replay killed with SIGKILL part-way and started again ends with the candles, indicators, forecasts and outcomes of one that never stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-resume-'));
  const whole = join(dir, 'whole.db');
  const resumed = join(dir, 'resumed.db');
  const expected = await viewsOf(replayToEnd(whole));

  const victim = replayToEnd(resumed, VICTIM_SPEED);
  while (stored1m(resumed) < 2_000 && victim.exitCode === null) await Bun.sleep(5);
  victim.kill('SIGKILL');
  await victim.exited;
  // The kill must land part-way for this test to mean anything.
  const month = bundledBars(crypto1m('BTCUSDT')).length;
  const atKill = stored1m(resumed);
  expect(atKill).toBeGreaterThanOrEqual(2_000);
  expect(atKill).toBeLessThan(month - 1);

  expect(await viewsOf(replayToEnd(resumed))).toEqual(expected);
  const [a, b] = [new CandleStore(open(whole)), new CandleStore(open(resumed))];
  for (const pair of PAIRS) {
    for (const tf of TIMEFRAMES) expect(b.candles(pair, tf, { from: 0 })).toEqual(a.candles(pair, tf, { from: 0 }));
  }
  expect(a.count('BTCUSDT', '1m')).toBe(month - 1); // every minute but the forming last one
  // No forecast lost or made twice, and every one that waited at the kill was scored after it.
  const forecasts = (db: string) => PAIRS.flatMap((p) => new ForecastStore(open(db)).recent(p, '1h', { limit: 10_000 }));
  expect(forecasts(resumed)).toEqual(forecasts(whole));
  expect(forecasts(whole).filter((f) => f.realisedPrice !== null).length).toBeGreaterThan(1_000);
}, 120_000);
