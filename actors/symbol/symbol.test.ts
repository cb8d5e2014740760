import { expect, test } from 'bun:test';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { address, type Message } from '../../engine/index.ts';
import { ProbeContext } from '../../engine/testing/probe.ts';
import type { Bar, Candle } from '../../market/candles/candle.ts';
import { CandleSeries } from '../../market/candles/series.ts';
import { symbol } from './behaviour.ts';
import { IndicatorSet } from '../../market/indicators/index.ts';
import { symbolProps, type CandleMsg, type IndicatorsMsg, type SymbolView } from './messages.ts';

const bars = bundledBars(crypto1m('ETHUSDT')).slice(0, 6_000);

const props = symbolProps.parse({ symbol: 'ETHUSDT' });
const prints = (b: Bar) =>
  [b.open, b.high, b.low, b.close].map((price, i) => ({ type: 'print' as const, time: b.openTime + i * 15_000, price, qty: i === 3 ? b.volume : 0 }));
const closedCandles = (ctx: ProbeContext) => (ctx.on('candle.') as CandleMsg[]).filter((m) => m.closed).map((m) => m.candle);
const strip = ({ prints: _p, ...c }: Candle) => c;

test('the candles a symbol actor closes are the ones built from the bars', () => {
  const ctx = new ProbeContext(address('symbol', 'ETHUSDT'));
  const s = symbol.init(props, ctx);
  for (const b of bars) for (const p of prints(b)) symbol.handlers.print(s, p, ctx);
  const reference = new CandleSeries();
  const expected = bars.flatMap((b) => [...reference.addBar(b)]);
  expect(closedCandles(ctx).map(strip)).toEqual(expected.map(strip));
  expect(ctx.on('tick.')).toHaveLength(bars.length * 4);
});

test('bad prints are dropped and counted; the actor carries on', () => {
  const ctx = new ProbeContext(address('symbol', 'ETHUSDT'));
  const s = symbol.init(props, ctx);
  const good = prints(bars[0]!);
  for (const p of good) symbol.handlers.print(s, p, ctx);
  const bad: Message[] = [
    { type: 'print', time: good[3]!.time + 1, price: Number.NaN, qty: 1 },
    { type: 'print', time: good[3]!.time + 1, price: -5, qty: 1 },
    { type: 'print', time: good[0]!.time - 60_000, price: good[3]!.price, qty: 1 },
    { type: 'print', time: good[3]!.time + 1, price: good[3]!.price * 10, qty: 1 },
  ];
  for (const p of bad) symbol.handlers.print(s, p as never, ctx);
  symbol.handlers.view(s, { type: 'view' }, ctx);
  const view = ctx.replies.at(-1) as SymbolView;
  expect(view.dropped).toEqual({ 'not-finite': 1, 'non-positive': 1, 'out-of-order': 1, 'out-of-band': 1 });
  expect(view.last).toBe(bars[0]!.close);
  expect(view.forming['1m']).toMatchObject({ close: bars[0]!.close, prints: 4 });
});

test('restored from a JSON snapshot mid-stream, it publishes exactly what it would have', () => {
  const whole = new ProbeContext(address('symbol', 'ETHUSDT'));
  const a = symbol.init(props, whole);
  for (const b of bars) for (const p of prints(b)) symbol.handlers.print(a, p, whole);

  const first = new ProbeContext(address('symbol', 'ETHUSDT'));
  let b = symbol.init(props, first);
  const half = 2_345;
  for (const bar of bars.slice(0, half)) for (const p of prints(bar)) symbol.handlers.print(b, p, first);
  b = symbol.restore!(JSON.parse(JSON.stringify(symbol.snapshot!(b))), props, first);
  for (const bar of bars.slice(half)) for (const p of prints(bar)) symbol.handlers.print(b, p, first);
  expect(first.published).toEqual(whole.published);
});

test('24h statistics come from the last 24 hourly candles and the forming one', () => {
  const ctx = new ProbeContext(address('symbol', 'ETHUSDT'));
  const s = symbol.init(props, ctx);
  for (const bar of bars) for (const p of prints(bar)) symbol.handlers.print(s, p, ctx);
  symbol.handlers.view(s, { type: 'view' }, ctx);
  const { day } = ctx.replies.at(-1) as SymbolView;
  const last = bars.at(-1)!;
  const since = last.openTime - (last.openTime % 3_600_000) - 23 * 3_600_000;
  const window = bars.filter((x) => x.openTime >= since);
  expect(day).toMatchObject({ open: window[0]!.open, last: last.close, high: Math.max(...window.map((x) => x.high)), low: Math.min(...window.map((x) => x.low)) });
  expect(day!.volume).toBeCloseTo(window.reduce((v, x) => v + x.volume, 0), 6);
});

test('each closed candle updates its timeframe indicators, the same as the set fed the reference candles', () => {
  const ctx = new ProbeContext(address('symbol', 'ETHUSDT'));
  const s = symbol.init(props, ctx);
  for (const bar of bars) for (const p of prints(bar)) symbol.handlers.print(s, p, ctx);
  const reference = new CandleSeries(['15m']);
  const set = new IndicatorSet();
  const expected = bars.flatMap((b) => [...reference.addBar(b)]).map((c) => set.update(c));
  const published = (ctx.on('indicators.ETHUSDT.15m') as IndicatorsMsg[]).filter((m) => m.closed).map((m) => m.values);
  expect(published).toEqual(expected);
  expect(published.at(-1)!.rsi_14).not.toBeNull();
  symbol.handlers.view(s, { type: 'view' }, ctx);
  expect((ctx.replies.at(-1) as SymbolView).indicators['15m']).toEqual(expected.at(-1));
});
