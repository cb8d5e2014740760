import { expect, test } from 'bun:test';
import { ProgressBar } from './progress.ts';

test('draws in place only when the percentage or the phase changes, and erases itself', () => {
  const written: string[] = [];
  const bar = new ProgressBar((t) => written.push(t), 'BTCUSDT.csv', 10);
  for (let done = 0; done <= 1_000; done++) bar.update('checking', done, 1_000);
  bar.update('writing', 0, 10);
  bar.clear();
  expect(written).toHaveLength(101 + 1 + 1);
  expect(written[50]).toBe('\r\x1b[2KBTCUSDT.csv checking [#####     ] 50%');
  expect(written.at(-2)).toBe('\r\x1b[2KBTCUSDT.csv writing [          ] 0%');
  expect(written.at(-1)).toBe('\r\x1b[2K');
});

test('without a terminal it writes nothing at all', () => {
  const bar = new ProgressBar(undefined, 'x');
  bar.update('checking', 1, 2);
  bar.clear(); // no throw, nothing to erase
});
