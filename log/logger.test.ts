import { expect, test } from 'bun:test';
import { createLogger } from './logger.ts';

test('writes one JSON line per entry at or above its level', () => {
  const lines: string[] = [];
  const log = createLogger('info', (l) => lines.push(l), () => 0);
  log.debug('hidden');
  log.info('started', { url: 'http://x/' });
  log.error('boom', { level: 'debug', msg: 'spoof' });
  expect(lines.map((l) => JSON.parse(l))).toEqual([
    { url: 'http://x/', time: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'started' },
    { time: '1970-01-01T00:00:00.000Z', level: 'error', msg: 'boom' },
  ]);
});
