import type { CacheStats, ResponseCache } from './response-cache.ts';

export interface MemoryCacheOptions {
  /** Entries kept; past it the least recently used goes. */
  maxEntries?: number;
  /** Characters of values kept in all (about twice as many bytes); past it the least recently used go. */
  maxChars?: number;
  /** Wall time; injectable so tests can move it. */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** A bounded LRU in this process's memory, each entry with its own expiry. */
export function memoryCache(options: MemoryCacheOptions = {}): ResponseCache & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxChars = options.maxChars ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const entries = new Map<string, Entry>();
  const stats: CacheStats = { hits: 0, misses: 0, errors: 0 };
  let chars = 0;

  const remove = (key: string, e: Entry) => {
    entries.delete(key);
    chars -= e.value.length;
  };

  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      const e = entries.get(key);
      if (e && e.expiresAt > now()) {
        entries.delete(key);
        entries.set(key, e);
        stats.hits++;
        return e.value;
      }
      if (e) remove(key, e);
      stats.misses++;
      return undefined;
    },
    async set(key, value, ttlMs) {
      const old = entries.get(key);
      if (old) remove(key, old);
      if (ttlMs <= 0 || value.length > maxChars) return;
      entries.set(key, { value, expiresAt: now() + ttlMs });
      chars += value.length;
      for (const [k, e] of entries) {
        if (entries.size <= maxEntries && chars <= maxChars) break;
        remove(k, e);
      }
    },
    stats: () => ({ ...stats }),
  };
}
