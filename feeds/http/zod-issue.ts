import type { z } from 'zod';

/** A zod issue's path as it would be written in JavaScript: `chart.result[0].timestamp[3]`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The first issue, located: which field, and what was wrong with it. */
export const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issuePath(issue.path)}: ${issue.message}` : 'invalid response';
};

/** JSON.parse with the failure as a message instead of an exception. */
export function parseJsonText(text: string): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
}
