export type { CacheStats, ResponseCache } from './response-cache.ts';
export { memoryCache, type MemoryCacheOptions } from './memory-cache.ts';
export { redisCache, type RedisCacheOptions } from './redis-cache.ts';
export { cacheKey, cacheResponses, type CacheResponsesOptions } from './middleware.ts';
