import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from '../problem.ts';

/**
 * Refuses a body over `maxBytes` with a 413 problem. A declared Content-Length is refused before
 * anything is read; a chunked body is counted as it streams and refused at the first byte over.
 */
export function edgeBodyLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => problem(c, 413, 'Content Too Large', `The request body is over the limit of ${maxBytes} bytes.`),
  });
  // Most requests are reads without a body: they skip the limiter's stream wrapping.
  return (c, next) => (c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined ? next() : limit(c, next));
}
