import type { Context } from 'hono';
import type { KeyVerifier } from '../alpaca/auth.ts';
import { hashApiKey, presentedApiKey, verifyApiKey } from '../middleware/api-keys.ts';
import { ProblemError } from '../problem.ts';

/** Who may start and stop strategies: the trading account's key pair, or the operator's admin key. */
export interface StrategyAccess {
  verifier?: KeyVerifier;
  adminKey?: string;
}

/** Who a request is: the operator, or the account a verified Alpaca key pair opens. */
export type Caller = { admin: true } | { admin: false; accountId: string };

const HOW = "send the trading account's APCA-API-KEY-ID and APCA-API-SECRET-KEY, or the admin key (Authorization: Bearer <key> or X-API-Key)";

/**
 * A strategy places orders in an account, so starting or stopping one is the account's to do: its
 * key pair opens it (and no other), as on `/v2`. The admin key opens every account, and is the
 * only way to start a `module` strategy, which runs code from the server's disk.
 */
export function strategyCaller(access: StrategyAccess) {
  const adminHash = access.adminKey === undefined ? null : hashApiKey(access.adminKey);
  return async (c: Context): Promise<Caller> => {
    const given = presentedApiKey(c.req.raw.headers);
    if (given !== undefined && adminHash !== null && verifyApiKey(given, adminHash)) return { admin: true };
    const keyId = c.req.header('apca-api-key-id');
    const secret = c.req.header('apca-api-secret-key');
    if (!keyId || !secret || !access.verifier) throw new ProblemError(401, 'Unauthorized', `starting or stopping a strategy needs a key: ${HOW}`);
    const accountId = await access.verifier.verify(keyId.slice(0, 64), secret.slice(0, 256));
    if (accountId === null) throw new ProblemError(403, 'Forbidden', 'the key id and secret do not match an account');
    return { admin: false, accountId };
  };
}

/** The caller may act for `accountId`; another account's is refused as if it did not exist. */
export function mayTrade(caller: Caller, accountId: string): boolean {
  return caller.admin || caller.accountId === accountId;
}
