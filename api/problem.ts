import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 9457 problem details: the one shape every error response of the edge takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export function problem(c: Context, status: ContentfulStatusCode, title: string, detail: string, type = 'about:blank') {
  const body: Problem = { type, title, status, detail };
  return c.json(body, status, { 'Content-Type': 'application/problem+json' });
}
