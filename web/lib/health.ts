/// <reference lib="dom" />
import { api, ApiError, describe, errorOf } from './api.ts';
import { every } from './dom.ts';

export type Health = Awaited<ReturnType<typeof readHealth>>;

/** `/api/health`, whose 503 (degraded) still carries the whole reading. */
export async function readHealth() {
  const res = await api.api.health.$get().catch((e: unknown) => {
    throw new ApiError(0, 'Server unreachable', `Tickflow did not answer (${describe(e)}). Is it running?`);
  });
  if (res.status === 200 || res.status === 503) return res.json();
  throw await errorOf(res);
}

/** States in which a feed gets no data (api/health.ts calls them trouble). */
const TROUBLE = new Set(['backoff', 'closed', 'backing-off', 'rejected', 'missing-api-key']);

/** What is wrong with the market data, in a sentence for a banner; null when nothing is. */
export function feedTrouble(h: Health): string | null {
  const down = h.feeds.filter((f) => TROUBLE.has(f.state));
  if (down.length > 0) {
    const names = down.map((f) => `${f.name} (${f.state})`).join(', ');
    return `${down.length === 1 ? 'The feed' : 'The feeds'} ${names} ${down.length === 1 ? 'is' : 'are'} down: prices are not updating. The engine keeps retrying.`;
  }
  if (h.status === 'degraded') return `The engine is degraded: ${(h.degraded ?? []).join('; ')}`;
  return null;
}

/** Polls the health every `ms` and says what is wrong with the feeds (null: nothing), or that the server is unreachable. */
export function watchFeedTrouble(onTrouble: (text: string | null) => void, ms = 5_000): () => void {
  return every(ms, async () => {
    try {
      onTrouble(feedTrouble(await readHealth()));
    } catch (e) {
      onTrouble(describe(e));
    }
  });
}
