import type { MiddlewareHandler } from 'hono';
import { hashApiKey, presentedApiKey, verifyApiKey } from '../middleware/api-keys.ts';
import { ProblemError } from '../problem.ts';

/**
 * Admin routes' gate. The configured key is hashed once (SHA-256); each request's key is hashed
 * and the digests compared in constant time, so the response time tells nothing of the key.
 * Without a configured key the admin routes do not exist (404, as an unknown route); without the
 * right key, 401. Keys come as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
 */
export function requireAdminKey(key: string | undefined): MiddlewareHandler {
  const expected = key === undefined ? null : hashApiKey(key);
  return async function adminKey(c, next) {
    if (expected === null) throw new ProblemError(404, 'Not Found', `No route for ${c.req.method} ${c.req.path}`);
    const given = presentedApiKey(c.req.raw.headers);
    if (given === undefined || !verifyApiKey(given, expected)) {
      const detail = given === undefined ? 'this route needs the admin key: Authorization: Bearer <key> or X-API-Key: <key>' : 'the admin key is not right';
      throw new ProblemError(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer realm="tickflow-admin"' });
    }
    await next();
  };
}
