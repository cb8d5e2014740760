import { expect, test } from 'bun:test';
import * as fmt from './format.ts';

test('prices carry the decimals their size needs', () => {
  expect(fmt.price(58224.84)).toBe('58,224.84');
  expect(fmt.price(58224)).toBe('58,224.00');
  expect(fmt.price(1.18216)).toBe('1.1822');
  expect(fmt.price(0.05801)).toBe('0.05801');
  expect(fmt.price(0.000123456)).toBe('0.0001235');
  expect(fmt.price(0)).toBe('0.00');
  expect(fmt.price(null)).toBe('—');
  expect(fmt.price(Number.NaN)).toBe('—');
});

test('percentages are signed; fractions become percentages', () => {
  expect(fmt.pct(2.8707)).toBe('+2.87%');
  expect(fmt.pct(-0.8)).toBe('-0.80%');
  expect(fmt.pct(0)).toBe('0.00%');
  expect(fmt.ratio(0.852)).toBe('85.2%');
  expect(fmt.ratio(null)).toBe('—');
});

test('times are UTC, money is dollars, quantities drop trailing zeros', () => {
  expect(fmt.time(Date.UTC(2021, 3, 5, 0, 15))).toBe('2021-04-05 00:15');
  expect(fmt.time('2021-04-05T00:15:20.000Z', true)).toBe('2021-04-05 00:15:20');
  expect(fmt.time('not a time')).toBe('—');
  expect(fmt.usd('100000')).toBe('$100,000.00');
  expect(fmt.usd(-6.94)).toBe('-$6.94');
  expect(fmt.qty('0.10000000')).toBe('0.1');
  expect(fmt.seconds(0.376)).toBe('0.4 s');
  expect(fmt.seconds(600)).toBe('10 min');
  expect(fmt.signClass(-1)).toBe('down');
  expect(fmt.signClass(0)).toBe('flat');
});
