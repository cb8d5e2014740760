import { isIP } from 'node:net';
import type { Context } from 'hono';
import { presentedApiKey } from './api-keys.ts';

/** Who a request comes from, as far as the edge can tell. */
export interface Client {
  /** The connecting address (or the proxy's client, when a proxy is trusted); `unknown` without a socket (app.request() in tests). */
  ip: string;
  /** The holder of a valid API key; absent for no key or a key nobody holds. */
  keyId?: string;
  /** The rate-limit bucket: per key holder, else per address (IPv6 per /64, what one host is given). */
  bucket: string;
}

export interface ClientOptions {
  /** Trust `X-Forwarded-For` as written by one reverse proxy in front of us. */
  trustProxy: boolean;
  /** Resolves a presented API key to its holder; see api-keys.ts. */
  keyId?: (presented: string) => string | undefined;
}

/** What Bun.serve passes as the second argument of `fetch`, which Hono makes `c.env`. */
interface SocketInfo {
  requestIP(req: Request): { address: string } | null;
}

/** The address of the socket the request came in on. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as Partial<SocketInfo> | undefined;
  return typeof env?.requestIP === 'function' ? (env.requestIP(c.req.raw)?.address ?? undefined) : undefined;
}

/**
 * With a trusted proxy, the client is the last `X-Forwarded-For` entry: the one our proxy
 * appended. Entries before it were written by the client and prove nothing.
 */
function forwardedFor(c: Context): string | undefined {
  const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
  return last && isIP(last) ? last : undefined;
}

/** `::ffff:1.2.3.4` is an IPv4 client on a dual-stack socket: the same client as `1.2.3.4`. */
const unmapped = (ip: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip);

/** The first four groups of an IPv6 address: the /64 a single host or subscriber is given. */
export function ipv6Prefix64(ip: string): string {
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
}

export function identify(c: Context, o: ClientOptions): Client {
  const ip = unmapped((o.trustProxy ? forwardedFor(c) : undefined) ?? socketAddress(c) ?? 'unknown');
  const presented = o.keyId ? presentedApiKey(c.req.raw.headers) : undefined;
  const keyId = presented === undefined ? undefined : o.keyId!(presented);
  if (keyId !== undefined) return { ip, keyId, bucket: `key:${keyId}` };
  // Only a socket's address or a checked X-Forwarded-For gets here: a colon means IPv6.
  return { ip, bucket: ip.includes(':') ? `ip:${ipv6Prefix64(ip)}` : `ip:${ip}` };
}
