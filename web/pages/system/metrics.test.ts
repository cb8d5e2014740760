import { expect, test } from 'bun:test';
import { parseFeedLags } from './metrics.ts';

test('the feed lag family is read from the Prometheus text, and nothing else', () => {
  const text = [
    '# HELP tickflow_feed_lag_seconds Seconds since the feed last delivered a message.',
    '# TYPE tickflow_feed_lag_seconds gauge',
    'tickflow_feed_lag_seconds{feed="crypto"} 0.376',
    'tickflow_feed_lag_seconds{feed="stock"} 12',
    'tickflow_feed_lag_seconds{feed="macro"} NaN',
    'tickflow_ws_connections 3',
    'tickflow_feed_lag_seconds_other{feed="x"} 1',
  ].join('\n');
  expect(parseFeedLags(text)).toEqual({ crypto: 0.376, stock: 12 });
  expect(parseFeedLags('')).toEqual({});
});
