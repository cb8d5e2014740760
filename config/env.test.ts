import { describe, expect, test } from 'bun:test';
import { availableParallelism } from 'node:os';
import { SHIPPED_MODELS } from '../models/registry/index.ts';
import { loadConfig } from './env.ts';

const errorOf = (env: Record<string, string>) => {
  const r = loadConfig(env);
  if (r.ok) throw new Error(`expected ${JSON.stringify(env)} to be refused`);
  return r.error;
};

describe('loadConfig', () => {
  test('an empty environment gives the defaults', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '0.0.0.0',
        db: './var/tickflow.db',
        redisUrl: undefined,
        workers: Math.min(256, availableParallelism()),
        logLevel: 'info',
        adminKey: undefined,
        forecasts: { models: SHIPPED_MODELS, choice: {} },
        replaySpeed: 60,
        feed: 'replay',
        binance: { wsBase: 'wss://stream.binance.com:9443', restBase: 'https://api.binance.com' },
        yahoo: { baseUrl: 'https://query1.finance.yahoo.com' },
        fred: { baseUrl: 'https://api.stlouisfed.org', apiKey: undefined },
        notify: { webhooks: [], drawdownAlert: 0.1 },
      },
    });
  });

  test('empty strings count as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '', WORKERS: '', LOG_LEVEL: '', REDIS_URL: '', ADMIN_KEY: '', YAHOO_BASE: '', FRED_BASE: '', FRED_API_KEY: '', WEBHOOKS: '', DRAWDOWN_ALERT_PCT: '' })).toEqual(loadConfig({}));
  });

  test('every variable is read', () => {
    const r = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      TICKFLOW_DB: '/data/t.db',
      REDIS_URL: 'redis://cache:6379/0',
      WORKERS: '4',
      LOG_LEVEL: 'WARN',
      ADMIN_KEY: 'k'.repeat(16),
      REPLAY_SPEED: '0',
      FEED: 'LIVE',
      BINANCE_WS_BASE: 'ws://127.0.0.1:9',
      BINANCE_REST_BASE: 'http://127.0.0.1:9',
      YAHOO_BASE: 'http://127.0.0.1:10',
      FRED_BASE: 'http://127.0.0.1:11',
      FRED_API_KEY: 'abcdefghijklmnopqrstuvwxyz123456',
      MODELS_DIR: '/models',
      MODEL_CHOICE: '{"crypto":{"1h":"crypto-1h-h4@2"}}',
      WEBHOOKS: '[{"name":"ops","url":"https://discord.com/api/webhooks/1/t","events":["risk"]}]',
      DRAWDOWN_ALERT_PCT: '12.5',
    });
    expect(r).toEqual({
      ok: true,
      config: {
        port: 8080,
        host: '127.0.0.1',
        db: '/data/t.db',
        redisUrl: 'redis://cache:6379/0',
        workers: 4,
        logLevel: 'warn',
        adminKey: 'k'.repeat(16),
        forecasts: { models: '/models', choice: { crypto: { '1h': 'crypto-1h-h4@2' } } },
        replaySpeed: 0,
        feed: 'live',
        binance: { wsBase: 'ws://127.0.0.1:9', restBase: 'http://127.0.0.1:9' },
        yahoo: { baseUrl: 'http://127.0.0.1:10' },
        fred: { baseUrl: 'http://127.0.0.1:11', apiKey: 'abcdefghijklmnopqrstuvwxyz123456' },
        notify: {
          webhooks: [{ name: 'ops', url: 'https://discord.com/api/webhooks/1/t', events: ['risk'], format: 'discord', rate: { perSecond: 0.5, burst: 5 }, queue: 100, maxAttempts: 6, timeoutMs: 10_000, backoff: { baseMs: 1_000, maxMs: 60_000 } }],
          drawdownAlert: 0.125,
        },
      },
    });
  });

  test('WEBHOOKS and DRAWDOWN_ALERT_PCT are checked, naming the field and never the URL', () => {
    expect(errorOf({ WEBHOOKS: 'https://discord.com/api/webhooks/1/t' })).toContain('WEBHOOKS must be a JSON array of webhooks such as');
    const refused = errorOf({ WEBHOOKS: '[{"url":"discord.com/api/webhooks/1/secret"}]' });
    expect(refused).toContain('[0.url] url must be an http:// or https:// URL');
    expect(refused).not.toContain('secret');
    expect(errorOf({ WEBHOOKS: '[{"url":"https://x","events":["fills"]}]' })).toContain('[0.events.0] events: each must be one of signal, fill');
    expect(errorOf({ DRAWDOWN_ALERT_PCT: '0' })).toContain('DRAWDOWN_ALERT_PCT must be a percentage above 0 and at most 100, got "0"');
    expect(errorOf({ DRAWDOWN_ALERT_PCT: '10%' })).toContain('DRAWDOWN_ALERT_PCT must be a percentage');
  });

  test('FEED and the Binance endpoints are checked', () => {
    expect(errorOf({ FEED: 'both' })).toContain('FEED must be replay or live, got "both"');
    expect(errorOf({ BINANCE_WS_BASE: 'http://x' })).toContain('BINANCE_WS_BASE must be a ws:// or wss:// URL');
  });

  test('the Yahoo and FRED endpoints are http(s) URLs, and a FRED key has FRED\'s shape', () => {
    expect(errorOf({ YAHOO_BASE: 'query1.finance.yahoo.com' })).toBe('Invalid environment: YAHOO_BASE must be an http(s):// URL');
    expect(errorOf({ FRED_BASE: 'ws://127.0.0.1:9' })).toBe('Invalid environment: FRED_BASE must be an http(s):// URL');
    expect(errorOf({ FRED_API_KEY: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456' })).toBe(
      'Invalid environment: FRED_API_KEY must be 32 lower-case letters and digits, as FRED issues them; got 32 characters',
    );
    expect(errorOf({ FRED_API_KEY: 'hunter2' })).not.toContain('hunter2'); // the key itself never appears in an error
  });

  test('MODELS_DIR=none turns forecasts off; MODEL_CHOICE must be JSON naming known classes, timeframes and id@version', () => {
    const off = loadConfig({ MODELS_DIR: 'none' });
    expect(off.ok && off.config.forecasts).toBeUndefined();
    expect(errorOf({ MODEL_CHOICE: 'crypto' })).toStartWith('Invalid environment: MODEL_CHOICE must be JSON such as {"crypto":{"1h":"crypto-1h-h4@1"}}: JSON Parse error');
    expect(errorOf({ MODEL_CHOICE: '{"forex":{}}' })).toBe('Invalid environment: MODEL_CHOICE must be JSON such as {"crypto":{"1h":"crypto-1h-h4@1"}}: Invalid model choice: unknown class "forex"; classes are crypto, stock');
    expect(errorOf({ MODEL_CHOICE: '{"crypto":{"1h":"latest"}}' })).toContain('a model is named id@version, e.g. crypto-1h-h4@1, got "latest"');
  });

  test('REPLAY_SPEED must be a number >= 0', () => {
    expect(errorOf({ REPLAY_SPEED: 'fast' })).toContain('REPLAY_SPEED must be a number >= 0 (0: as fast as it goes), got "fast"');
    expect(errorOf({ REPLAY_SPEED: '-2' })).toContain('REPLAY_SPEED must be a number >= 0');
  });

  test('PORT=0 means any free port', () => {
    const r = loadConfig({ PORT: '0' });
    expect(r.ok && r.config.port).toBe(0);
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (0 picks any free port), got "abc"'],
    [{ PORT: '65536' }, 'PORT must be an integer from 0 to 65535 (0 picks any free port), got "65536"'],
    [{ PORT: '-1' }, 'PORT must be an integer from 0 to 65535 (0 picks any free port), got "-1"'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 0 to 65535 (0 picks any free port), got "80.5"'],
    [{ HOST: 'my host' }, 'HOST must be a hostname or IP address, got "my host"'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL, got "localhost:6379"'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL, got "http://cache:6379"'],
    [{ WORKERS: '0' }, 'WORKERS must be an integer from 1 to 256, got "0"'],
    [{ WORKERS: '257' }, 'WORKERS must be an integer from 1 to 256, got "257"'],
    [{ WORKERS: 'two' }, 'WORKERS must be an integer from 1 to 256, got "two"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of debug, info, warn, error, got "verbose"'],
    [{ ADMIN_KEY: 'short' }, 'ADMIN_KEY must be at least 16 characters when set, got 5'],
  ])('%o is refused with a message naming the variable', (env, message) => {
    expect(errorOf(env)).toBe(`Invalid environment: ${message}`);
  });

  test('several bad variables are all reported', () => {
    expect(errorOf({ PORT: 'x', WORKERS: '0' })).toBe(
      'Invalid environment: PORT must be an integer from 0 to 65535 (0 picks any free port), got "x"; WORKERS must be an integer from 1 to 256, got "0"',
    );
  });

  test('the admin key itself never appears in an error', () => {
    expect(errorOf({ ADMIN_KEY: 'hunter2' })).not.toContain('hunter2');
  });

  test('unrelated variables are ignored', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).toEqual(loadConfig({}));
  });
});
