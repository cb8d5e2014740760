import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { StoredKey } from '../../storage/sqlite/accounts.ts';
import { ALPACA_CODES, AlpacaError } from './errors.ts';

/** Where keys are looked up: the accounts store (storage/sqlite/accounts.ts), or a stand-in. */
export interface KeyLookup {
  key(keyId: string): StoredKey | null;
}

/** How many verified pairs are kept; past it the least recently used is forgotten (and verified again when it returns). */
const CACHE_SIZE = 10_000;

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Checks Alpaca key pairs. A secret is stored as an argon2id hash, slow on purpose (tens of ms),
 * so a pair that verified once is remembered in memory as the SHA-256 of its secret: the next
 * request with it costs one SHA-256 and a constant-time compare, not another argon2id. Only
 * pairs that verified are remembered: a wrong secret pays argon2id every time, which is what
 * makes guessing slow. A key id that nobody holds is refused at once.
 */
export class KeyVerifier {
  private readonly verified = new Map<string, { accountId: string; secret: Buffer }>();

  constructor(private readonly keys: KeyLookup) {}

  /** The account the pair opens, or null. */
  async verify(keyId: string, secret: string): Promise<string | null> {
    const given = digest(secret);
    const known = this.verified.get(keyId);
    if (known && timingSafeEqual(known.secret, given)) {
      this.verified.delete(keyId); // re-inserted: the Map's order is recency
      this.verified.set(keyId, known);
      return known.accountId;
    }
    const stored = this.keys.key(keyId);
    if (stored === null) return null;
    const ok = await Bun.password.verify(secret, stored.secretHash).catch(() => false);
    if (!ok) return null;
    this.verified.delete(keyId);
    this.verified.set(keyId, { accountId: stored.accountId, secret: given });
    if (this.verified.size > CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    return stored.accountId;
  }
}

// Alpaca's key ids are "PK" and 18 characters; a header far from any key's shape is refused before a lookup.
const credentials = z.object({
  keyId: z.string().min(1).max(64),
  secret: z.string().min(1).max(256),
});

export type AlpacaEnv = { Variables: { accountId: string } };

/**
 * The /v2 routes' gate: `APCA-API-KEY-ID` and `APCA-API-SECRET-KEY`, as Alpaca's clients send
 * them. Missing (or absurd) headers are a 401, Alpaca's "request is not authorized"; a pair that
 * does not verify — an unknown key id or a wrong secret — a 403 "forbidden". The account the key
 * opens is `c.var.accountId`: every route reaches that account and no other.
 */
export function requireAlpacaKey(verifier: KeyVerifier): MiddlewareHandler<AlpacaEnv> {
  return async function alpacaKey(c, next) {
    const presented = credentials.safeParse({ keyId: c.req.header('apca-api-key-id'), secret: c.req.header('apca-api-secret-key') });
    if (!presented.success) throw new AlpacaError(401, ALPACA_CODES.unauthorized, 'request is not authorized: send APCA-API-KEY-ID and APCA-API-SECRET-KEY');
    const accountId = await verifier.verify(presented.data.keyId, presented.data.secret);
    if (accountId === null) throw new AlpacaError(403, ALPACA_CODES.forbidden, 'forbidden: the key id and secret do not match an account');
    c.set('accountId', accountId);
    await next();
  };
}
