import { beforeAll, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { routeOf } from './paths.ts';

let instruments: InstrumentRegistry;
beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  instruments = loaded.registry;
});

const route = (path: string) => routeOf(new URL(path, 'http://localhost'), instruments);

test('the WebSocket paths', () => {
  expect(route('/ws')).toEqual({ kind: 'mux' });
  expect(route('/ws/')).toEqual({ kind: 'mux' });
  expect(route('/ws/market/summary')).toEqual({ kind: 'summary' });
  expect(route('/ws/asset/btcusdt/forecast')).toEqual({ kind: 'model', model: 'forecast', symbol: 'BTCUSDT' });
  expect(route('/ws/asset/AAPL/trends')).toEqual({ kind: 'model', model: 'trends', symbol: 'AAPL' });
  expect(route('/ws/chart/ethusdt')).toEqual({ kind: 'chart', symbol: 'ETHUSDT', tf: '1m' });
  expect(route('/ws/chart/ETHUSDT?tf=4h')).toEqual({ kind: 'chart', symbol: 'ETHUSDT', tf: '4h' });
});

test('an unknown symbol or a bad tf is refused with a close code and a reason', () => {
  expect(route('/ws/chart/BTCUSD')).toEqual({ kind: 'refuse', code: 4404, reason: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?' });
  expect(route('/ws/asset/NOPE/forecast')).toMatchObject({ kind: 'refuse', code: 4404 });
  expect(route('/ws/chart/BTCUSDT?tf=2m')).toEqual({ kind: 'refuse', code: 4400, reason: 'tf must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2m"' });
  expect(route('/ws/chart/%E0%A4%A')).toMatchObject({ kind: 'refuse', code: 4400 });
});

test('other paths are not WebSocket paths', () => {
  expect(route('/ws/nope')).toBeNull();
  expect(route('/ws/asset/BTCUSDT/price')).toBeNull();
  expect(route('/api/health')).toBeNull();
});
