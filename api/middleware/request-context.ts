import type { MiddlewareHandler } from 'hono';
import { identify, type ClientOptions } from './client.ts';
import type { EdgeEnv } from './variables.ts';

/** An id a client sent is kept when it is printable, short and without separators, so it is safe to log. */
const CLIENT_ID = /^[\w\-=.:]{1,128}$/;

/**
 * What every later step reads: the request id (the client's `X-Request-Id` when usable, else a
 * fresh UUID; echoed on the answer) and who the client is (address, key holder, rate bucket).
 */
export function requestContext(o: ClientOptions): MiddlewareHandler<EdgeEnv> {
  return async function requestContext(c, next) {
    const given = c.req.header('x-request-id');
    const id = given !== undefined && CLIENT_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    c.set('client', identify(c, o));
    await next();
  };
}
