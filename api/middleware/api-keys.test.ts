import { describe, expect, test } from 'bun:test';
import { apiKeyResolver, hashApiKey, hashSecret, presentedApiKey, verifyApiKey, verifySecret } from './api-keys.ts';

describe('API keys', () => {
  test('are stored as SHA-256 hex and verified against it', () => {
    const stored = hashApiKey('k'.repeat(32));
    expect(stored).toBe(new Bun.CryptoHasher('sha256').update('k'.repeat(32)).digest('hex'));
    expect(verifyApiKey('k'.repeat(32), stored)).toBe(true);
    expect(verifyApiKey('k'.repeat(31), stored)).toBe(false);
    expect(verifyApiKey('', stored)).toBe(false);
    expect(verifyApiKey('k'.repeat(32), 'not-a-hash')).toBe(false); // a malformed stored hash never matches, never throws
    expect(verifyApiKey('k'.repeat(32), stored.toUpperCase())).toBe(false);
  });

  test('a resolver names the holder of a presented key, and nobody for any other', () => {
    const resolve = apiKeyResolver([
      { id: 'admin', hash: hashApiKey('admin-key-0123456789') },
      { id: 'acct-7', hash: hashApiKey('acct-key-0123456789') },
    ]);
    expect(resolve('admin-key-0123456789')).toBe('admin');
    expect(resolve('acct-key-0123456789')).toBe('acct-7');
    expect(resolve('admin-key-012345678')).toBeUndefined();
    expect(apiKeyResolver([])('anything')).toBeUndefined();
    expect(() => apiKeyResolver([{ id: 'admin', hash: 'admin-key-0123456789' }])).toThrow('API key "admin": hash must be 64 lower-case hex digits (hashApiKey)');
  });

  test('are read from a Bearer authorization, else X-API-Key', () => {
    expect(presentedApiKey(new Headers({ 'X-API-Key': ' abc ' }))).toBe('abc');
    expect(presentedApiKey(new Headers({ Authorization: 'Bearer abc' }))).toBe('abc');
    expect(presentedApiKey(new Headers({ Authorization: 'bearer   abc  ' }))).toBe('abc');
    expect(presentedApiKey(new Headers({ 'X-API-Key': 'direct', Authorization: 'Bearer other' }))).toBe('other');
    expect(presentedApiKey(new Headers({ 'X-API-Key': 'direct', Authorization: 'Basic x' }))).toBe('direct');
    expect(presentedApiKey(new Headers({ 'X-API-Key': '  ' }))).toBeUndefined();
    expect(presentedApiKey(new Headers({ Authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }))).toBeUndefined();
    expect(presentedApiKey(new Headers({ Authorization: 'Bearer two words' }))).toBeUndefined();
    expect(presentedApiKey(new Headers())).toBeUndefined();
  });
});

describe('account secrets', () => {
  test('are hashed with argon2id, salted, and verified', async () => {
    const a = await hashSecret('correct horse battery staple');
    const b = await hashSecret('correct horse battery staple');
    expect(a).toStartWith('$argon2id$');
    expect(a).not.toBe(b);
    expect(await verifySecret('correct horse battery staple', a)).toBe(true);
    expect(await verifySecret('correct horse battery stapler', a)).toBe(false);
    expect(await verifySecret('anything', 'not a hash')).toBe(false);
  });
});
