import { expect, test } from 'bun:test';
import { route } from './router.ts';

test('fragments route to their page, with the rest as parameters', () => {
  expect(route('')).toMatchObject({ nav: 'markets', params: [] });
  expect(route('#/')).toMatchObject({ nav: 'markets', params: [] });
  expect(route('#/markets/stock')).toMatchObject({ nav: 'markets', title: 'Markets', params: ['stock'] });
  expect(route('#/symbol/btcusdt/1h')).toMatchObject({ nav: 'markets', title: 'BTCUSDT', params: ['btcusdt', '1h'] });
  expect(route('#/symbol/BRK.B')).toMatchObject({ params: ['BRK.B'] });
  expect(route('#/symbol/BTC%2FUSDT')).toMatchObject({ params: ['BTC/USDT'] });
  expect(route('#/account')).toMatchObject({ nav: 'account' });
  expect(route('#/strategies')).toMatchObject({ nav: 'strategies', params: ['strategies'] });
  expect(route('#/backtests/bt-1')).toMatchObject({ nav: 'strategies', params: ['backtests', 'bt-1'] });
  expect(route('#/system')).toMatchObject({ nav: 'system' });
});

test('an unknown fragment is the not-found page naming it; bad percent-encoding is kept as typed', () => {
  expect(route('#/nope/x')).toMatchObject({ nav: 'none', title: 'Not found', params: ['nope'] });
  expect(route('#/symbol/%E0%A4%A')).toMatchObject({ params: ['%E0%A4%A'] });
});
