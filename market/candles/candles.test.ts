import { describe, expect, test } from 'bun:test';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { bucketStart, timeframeMs, type Timeframe } from '../timeframes.ts';
import { CandleBuilder } from './builder.ts';
import type { Bar, Candle } from './candle.ts';
import { GapDetector } from './gaps.ts';
import { CandleSeries } from './series.ts';

const bars = bundledBars(crypto1m('BTCUSDT'));

/** The reference: group the 1m rows by bucket directly, no builder involved. */
function direct(tf: Timeframe): Omit<Candle, 'prints'>[] {
  const out: Omit<Candle, 'prints'>[] = [];
  for (const b of bars) {
    const openTime = bucketStart(b.openTime, tf);
    const last = out.at(-1);
    if (last?.openTime === openTime) {
      out[out.length - 1] = { ...last, high: Math.max(last.high, b.high), low: Math.min(last.low, b.low), close: b.close, volume: last.volume + b.volume };
    } else out.push({ tf, openTime, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });
  }
  return out;
}

/** Feeds every bar as the O→H→L→C prints a replay makes of it (O→L→H→C when the open is nearer the low). */
function asPrints(series: CandleSeries, b: Bar): Candle[] {
  const path = b.open - b.low < b.high - b.open ? [b.open, b.low, b.high, b.close] : [b.open, b.high, b.low, b.close];
  const closed: Candle[] = [];
  // The whole volume rides on the close print, so sums stay exact.
  path.forEach((price, i) => closed.push(...series.addPrint(b.openTime + i * 15_000, price, i === 3 ? b.volume : 0)));
  return closed;
}

const strip = ({ prints: _prints, ...c }: Candle) => c;

describe('candles from the real BTCUSDT 1m data (April 2021)', () => {
  for (const tf of ['1h', '1d', '4h', '15m'] as const) {
    test(`${tf} candles built from 1m bars equal the ones computed from the rows`, () => {
      const builder = new CandleBuilder(tf);
      const built: Candle[] = [];
      for (const b of bars) {
        const c = builder.addBar(b);
        if (c) built.push(c);
      }
      built.push(builder.current!);
      expect(built.map(strip)).toEqual(direct(tf));
    });
  }

  test('every timeframe built from replayed prints equals the one built from bars', () => {
    const fromPrints = new CandleSeries();
    const fromBars = new CandleSeries();
    const a: Candle[] = [];
    const b: Candle[] = [];
    for (const bar of bars) {
      a.push(...asPrints(fromPrints, bar));
      b.push(...fromBars.addBar(bar));
    }
    expect(a.map(strip)).toEqual(b.map(strip));
    expect(a.filter((c) => c.tf === '1d')).toHaveLength(28); // 2021-04-02 .. 04-29 closed; the 30th is forming
  });

  test('a series restored mid-stream from its JSON state continues identically', () => {
    const whole = new CandleSeries();
    const first = new CandleSeries();
    const half = Math.floor(bars.length / 2) + 17;
    const expected = bars.flatMap((b) => [...whole.addBar(b)]);
    const got = bars.slice(0, half).flatMap((b) => [...first.addBar(b)]);
    const resumed = CandleSeries.restore(JSON.parse(JSON.stringify(first.getState())));
    got.push(...bars.slice(half).flatMap((b) => [...resumed.addBar(b)]));
    expect(got).toEqual(expected);
    expect(resumed.forming('1d')).toEqual(whole.forming('1d'));
  });

  test('the two exchange halts are found as gaps, nothing is filled in', () => {
    const gaps = new GapDetector('1m');
    const found = bars.map((b) => gaps.see(b.openTime)).filter((g) => g !== null);
    expect(found.map((g) => [new Date(g.from).toISOString(), g.missing])).toEqual([
      ['2021-04-20T02:00:00.000Z', 150],
      ['2021-04-25T04:01:00.000Z', 284],
    ]);
    const hourly = direct('1h');
    expect(hourly.some((c) => c.openTime === Date.UTC(2021, 3, 20, 3))).toBe(false); // no fabricated candle in the halt
  });
});

describe('CandleBuilder', () => {
  test('buckets are UTC-aligned and a candle closes on the first print of a later bucket', () => {
    const b = new CandleBuilder('4h');
    const t0 = Date.UTC(2021, 3, 2, 5, 30);
    expect(b.addPrint(t0, 10, 1)).toBeNull();
    expect(b.current).toMatchObject({ openTime: Date.UTC(2021, 3, 2, 4), open: 10, prints: 1 });
    b.addPrint(t0 + 60_000, 12, 2);
    b.addPrint(t0 + 120_000, 9, 3);
    const closed = b.addPrint(Date.UTC(2021, 3, 2, 8), 11, 1);
    expect(closed).toEqual({ tf: '4h', openTime: Date.UTC(2021, 3, 2, 4), open: 10, high: 12, low: 9, close: 9, volume: 6, prints: 3 });
    expect(b.current).toMatchObject({ openTime: Date.UTC(2021, 3, 2, 8), open: 11 });
  });

  test('closeAt closes a candle when time passes its end without prints', () => {
    const b = new CandleBuilder('1m');
    b.addPrint(60_000, 5, 1);
    expect(b.closeAt(60_000 + timeframeMs('1m') - 1)).toBeNull();
    expect(b.closeAt(120_000)).toMatchObject({ openTime: 60_000, close: 5 });
    expect(b.current).toBeNull();
  });

  test('input before the forming candle is a bug the caller must prevent, and says so', () => {
    const b = new CandleBuilder('1h');
    b.addPrint(Date.UTC(2021, 0, 1, 5), 1, 1);
    expect(() => b.addPrint(Date.UTC(2021, 0, 1, 3), 1, 1)).toThrow('is before the forming candle');
  });
});
