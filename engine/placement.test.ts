import { expect, test } from 'bun:test';
import { hash53 } from './hash.ts';
import { address } from './names.ts';
import { placeAddress } from './placement.ts';

test('an address is placed by its hash, unless its kind is pinned to a worker or placed by its id', () => {
  expect(placeAddress(address('symbol', 'BTCUSDT'), 4, {})).toBe(hash53(address('symbol', 'BTCUSDT')) % 4);
  expect(placeAddress(address('store', 'main'), 4, { store: 3 })).toBe(3);
  expect(placeAddress(address('forecaster', '1'), 4, { forecaster: 'by-id' })).toBe(1);
  expect(placeAddress(address('forecaster', '2'), 4, { forecaster: 'by-id' })).toBe(2);
  expect(placeAddress(address('forecaster', '5'), 4, { forecaster: 'by-id' })).toBe(1); // ids wrap like hashes
  expect(placeAddress(address('forecaster', 'main'), 4, { forecaster: 'by-id' })).toBe(hash53(address('forecaster', 'main')) % 4); // not a worker number: the hash
});
