/**
 * Typed names. Every actor address (`kind/id`) and every pub/sub topic (`a.b.c`) in Tickflow
 * is built and checked here, so a typo is an error at the call site, never a silent miss.
 * Domain modules wrap these generic builders with their own (e.g. `candle.BTCUSDT.1m`).
 */
declare const brand: unique symbol;
export type Address = string & { readonly [brand]: 'Address' };
export type Topic = string & { readonly [brand]: 'Topic' };
export type TopicPattern = string & { readonly [brand]: 'TopicPattern' };

export class NameError extends Error {
  override name = 'NameError';
}

const KIND = /^[a-z][a-z0-9-]*$/;
const ID = /^[A-Za-z0-9_.:@=-]+$/;
const SEGMENT = /^[A-Za-z0-9_:@=-]+$/;

/** Whether `text` can be one segment of a topic (letters, digits and _ : @ = -; never a dot or a wildcard). */
export const isTopicSegment = (text: string): boolean => SEGMENT.test(text);

export function address(kind: string, id: string): Address {
  if (!KIND.test(kind)) throw new NameError(`Invalid actor kind "${kind}": expected lowercase letters, digits and '-'`);
  if (!ID.test(id)) throw new NameError(`Invalid actor id "${id}" for kind "${kind}": expected letters, digits and _ . : @ = -`);
  return `${kind}/${id}` as Address;
}

/** Parses untrusted text (HTTP, worker boundary) into an address, or throws a NameError saying why. */
export function parseAddress(text: string): Address {
  const slash = text.indexOf('/');
  if (slash < 0) throw new NameError(`Invalid address "${text}": expected "kind/id"`);
  return address(text.slice(0, slash), text.slice(slash + 1));
}

export const kindOf = (a: Address): string => a.slice(0, a.indexOf('/'));
export const idOf = (a: Address): string => a.slice(a.indexOf('/') + 1);

/** The engine's own addresses: the root supervisor and the main thread (edge, drivers) live on main. */
export const ROOT = address('system', 'root');
export const MAIN = address('system', 'main');

export function topic(...segments: readonly (string | number)[]): Topic {
  if (segments.length === 0) throw new NameError('A topic needs at least one segment');
  for (const s of segments) {
    if (!SEGMENT.test(String(s))) throw new NameError(`Invalid topic segment "${s}" in ${segments.join('.')}`);
  }
  return segments.join('.') as Topic;
}

/** A pattern: segments, `*` for exactly one segment, and a final `>` for one or more (as in NATS). */
export function topicPattern(text: string): TopicPattern {
  const parts = text.split('.');
  parts.forEach((p, i) => {
    const wildcard = p === '*' || (p === '>' && i === parts.length - 1);
    if (!wildcard && !SEGMENT.test(p)) throw new NameError(`Invalid topic pattern "${text}" at segment "${p}"`);
  });
  return text as TopicPattern;
}

export function topicMatches(pattern: TopicPattern, t: Topic): boolean {
  if (pattern === (t as string)) return true;
  const p = pattern.split('.');
  const s = t.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}
