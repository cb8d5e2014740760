import { expect, test } from 'bun:test';
import { hash53 } from './hash.ts';
import { address } from './names.ts';
import { placeAddress } from './placement.ts';

test('an address is placed by its hash, unless its kind or, first, the address itself is pinned', () => {
  expect(placeAddress(address('symbol', 'BTCUSDT'), 4, {})).toBe(hash53(address('symbol', 'BTCUSDT')) % 4);
  expect(placeAddress(address('store', 'main'), 4, { store: 3 })).toBe(3);
  expect(placeAddress(address('forecaster', '1'), 4, { forecaster: 0, 'forecaster/1': 1 })).toBe(1);
  expect(placeAddress(address('forecaster', '2'), 4, { forecaster: 0, 'forecaster/1': 1 })).toBe(0);
  expect(placeAddress(address('forecaster', '5'), 4, { 'forecaster/5': 5 })).toBe(1); // pins wrap like hashes
});
