import { describe, expect, test } from 'bun:test';
import { detectLayout } from './detect.ts';

describe('detectLayout', () => {
  test.each([
    ['open_time,open,high,low,close,volume', { layout: 'binance-klines', header: true, columns: 6 }],
    [
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore',
      { layout: 'binance-klines-full', header: true, columns: 12 },
    ],
    ['date,open,high,low,close,volume,Name', { layout: 'stocks-daily', header: true, columns: 7 }],
    ['Date,Open,High,Low,Close,Volume', { layout: 'stocks-daily', header: true, columns: 6 }],
    ['<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\r', { layout: 'stooq-daily', header: true, columns: 10 }],
    ['observation_date,DGS10', { layout: 'fred', header: true, columns: 2, series: 'DGS10' }],
    ['DATE,UNRATE', { layout: 'fred', header: true, columns: 2, series: 'UNRATE' }],
    ['date,value', { layout: 'fred', header: true, columns: 2 }],
    ['\uFEFFopen_time,open,high,low,close,volume', { layout: 'binance-klines', header: true, columns: 6 }],
  ])('header %j', (line, expected) => {
    expect(detectLayout(line)).toEqual({ ok: true, ...expected } as never);
  });

  test('Binance files without a header are recognised by their first row', () => {
    expect(detectLayout('1617321600000,58720.45,58840.43,58720.44,58760.34,61.685675')).toEqual({ ok: true, layout: 'binance-klines', header: false, columns: 6 });
    expect(detectLayout('1675209600000,6.949,6.959,6.947,6.957,30020.25,1675209659999,208718.48852,471,10610.28,73780.89351,0')).toEqual({
      ok: true,
      layout: 'binance-klines-full',
      header: false,
      columns: 12,
    });
    // Spot files from 2025 on count microseconds.
    expect(detectLayout('1735689600000000,93576.0,93610.93,93537.5,93610.93,8.21827')).toMatchObject({ ok: true, layout: 'binance-klines' });
  });

  test('an unknown first line is refused with what was seen and what would have been accepted', () => {
    const r = detectLayout('time,price,size');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toStartWith('unknown CSV layout: saw the first line "time,price,size"; expected one of binance-klines (open_time,open,high,low,close,volume, header optional)');
    expect(r.error).toContain('fred (observation_date,SERIES)');
  });

  test.each([
    ['', 'an empty first line'],
    ['1617321600,58720.45,58840.43,58720.44,58760.34,61.68', 'the first line "1617321600,'], // epoch seconds: not a Binance row
    ['agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match', 'the first line "agg_trade_id'],
    ['x'.repeat(200), `the first line "${'x'.repeat(120)}…"`],
  ])('%j is not a layout', (line, seen) => {
    const r = detectLayout(line);
    expect(r.ok ? '' : r.error).toStartWith(`unknown CSV layout: saw ${seen}`);
  });
});
