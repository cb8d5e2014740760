import { describe, expect, test } from 'bun:test';
import { loadEdgeConfig } from './edge-env.ts';

const errorOf = (env: Record<string, string>) => {
  const r = loadEdgeConfig(env);
  if (r.ok) throw new Error(`expected ${JSON.stringify(env)} to be refused`);
  return r.error;
};

const DEFAULTS = { rateLimit: { perSec: 20, burst: 60 }, corsOrigins: [], bodyLimitBytes: 65_536, trustProxy: false };

describe('loadEdgeConfig', () => {
  test('an empty environment gives the defaults', () => {
    expect(loadEdgeConfig({})).toEqual({ ok: true, config: DEFAULTS });
  });

  test('empty strings count as unset, unrelated variables are ignored', () => {
    expect(loadEdgeConfig({ RATE_LIMIT_PER_SEC: '', RATE_LIMIT_BURST: '', CORS_ORIGINS: '', BODY_LIMIT_BYTES: '', TRUST_PROXY: '', PORT: 'x' })).toEqual({
      ok: true,
      config: DEFAULTS,
    });
  });

  test('every variable is read', () => {
    expect(
      loadEdgeConfig({
        RATE_LIMIT_PER_SEC: '0.5',
        RATE_LIMIT_BURST: '5',
        CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,https://app.example.com',
        BODY_LIMIT_BYTES: '1024',
        TRUST_PROXY: 'TRUE',
      }),
    ).toEqual({
      ok: true,
      config: { rateLimit: { perSec: 0.5, burst: 5 }, corsOrigins: ['https://app.example.com', 'http://localhost:5173'], bodyLimitBytes: 1024, trustProxy: true },
    });
  });

  test('CORS_ORIGINS=* allows every origin; RATE_LIMIT_PER_SEC=0 switches the limit off', () => {
    const r = loadEdgeConfig({ CORS_ORIGINS: '*', RATE_LIMIT_PER_SEC: '0' });
    expect(r.ok && r.config.corsOrigins).toBe('*');
    expect(r.ok && r.config.rateLimit.perSec).toBe(0);
  });

  test.each([
    [{ RATE_LIMIT_PER_SEC: 'fast' }, 'RATE_LIMIT_PER_SEC must be a number from 0 to 1000000 (0: no rate limit), got "fast"'],
    [{ RATE_LIMIT_PER_SEC: '-1' }, 'RATE_LIMIT_PER_SEC must be a number from 0 to 1000000 (0: no rate limit), got "-1"'],
    [{ RATE_LIMIT_PER_SEC: 'Infinity' }, 'RATE_LIMIT_PER_SEC must be a number from 0 to 1000000 (0: no rate limit), got "Infinity"'],
    [{ RATE_LIMIT_BURST: '0' }, 'RATE_LIMIT_BURST must be an integer from 1 to 1000000, got "0"'],
    [{ RATE_LIMIT_BURST: '2.5' }, 'RATE_LIMIT_BURST must be an integer from 1 to 1000000, got "2.5"'],
    [{ BODY_LIMIT_BYTES: '64k' }, 'BODY_LIMIT_BYTES must be an integer from 1 to 1073741824, got "64k"'],
    [{ BODY_LIMIT_BYTES: '0' }, 'BODY_LIMIT_BYTES must be an integer from 1 to 1073741824, got "0"'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be true or false, got "yes"'],
    [
      { CORS_ORIGINS: 'https://app.example.com/, example.com' },
      'CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.com (scheme, host and port, no path or trailing slash); not an origin: "https://app.example.com/", "example.com"',
    ],
    [{ CORS_ORIGINS: ' , ' }, 'CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.com (scheme, host and port, no path or trailing slash); no origin'],
  ])('%o is refused with a message naming the variable', (env, message) => {
    expect(errorOf(env)).toBe(`Invalid environment: ${message}`);
  });

  test('several bad variables are all reported', () => {
    expect(errorOf({ RATE_LIMIT_BURST: '0', TRUST_PROXY: '1' })).toBe(
      'Invalid environment: RATE_LIMIT_BURST must be an integer from 1 to 1000000, got "0"; TRUST_PROXY must be true or false, got "1"',
    );
  });
});
