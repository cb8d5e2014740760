export { Registry, Counter, Gauge, Histogram, type Labels } from './registry.ts';
export { CONTENT_TYPE } from './exposition.ts';
export { httpMetrics, HTTP_LATENCY_BUCKETS, type HttpMetrics, type RequestObservation } from './http.ts';
export { engineMetrics } from './engine.ts';
export { sourceMetrics, type CacheStats, type FeedLag, type SourceAccessors, type WsStats } from './sources.ts';
export { metricsRoute, type MetricsRouteDeps } from './route.ts';
