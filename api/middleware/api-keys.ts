import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API keys are kept and compared hashed. An API key is long and random, so one SHA-256 is enough
 * (nothing to brute-force) and cheap enough for every request; account secrets that people choose
 * get Bun.password (argon2id), slow on purpose.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The stored form of an API key: SHA-256, lower-case hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when `presented` hashes to `storedHash`; compared in constant time, so timing tells nothing. */
export function verifyApiKey(presented: string, storedHash: string): boolean {
  if (!SHA256_HEX.test(storedHash)) return false;
  const given = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(given, Buffer.from(storedHash, 'hex'));
}

/** The key a request presents: `Authorization: Bearer <key>`, else `X-API-Key` (the order api/routes/admin-key.ts reads them in). */
export function presentedApiKey(headers: Headers): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
  return bearer ?? (headers.get('x-api-key')?.trim() || undefined);
}

export interface StoredApiKey {
  /** What logs and rate-limit buckets call the key holder (`admin`, an account id): never the key. */
  id: string;
  /** `hashApiKey(key)`. */
  hash: string;
}

/**
 * Resolves a presented key to its holder's id, or undefined for a key nobody holds. Every stored
 * hash is compared, in constant time, so neither the answer's timing nor its order tell which.
 */
export function apiKeyResolver(keys: readonly StoredApiKey[]): (presented: string) => string | undefined {
  for (const k of keys) if (!SHA256_HEX.test(k.hash)) throw new Error(`API key ${JSON.stringify(k.id)}: hash must be 64 lower-case hex digits (hashApiKey)`);
  const stored = keys.map((k) => ({ id: k.id, digest: Buffer.from(k.hash, 'hex') }));
  return (presented) => {
    const given = createHash('sha256').update(presented, 'utf8').digest();
    let found: string | undefined;
    for (const k of stored) if (timingSafeEqual(given, k.digest) && found === undefined) found = k.id;
    return found;
  };
}

/** The stored form of an account secret: argon2id, salted, in PHC string form. */
export function hashSecret(secret: string): Promise<string> {
  return Bun.password.hash(secret, { algorithm: 'argon2id' });
}

/** True when `secret` matches `stored`; false (never a throw) for a malformed stored hash. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  try {
    return await Bun.password.verify(secret, stored);
  } catch {
    return false;
  }
}
