import type { Registry } from './registry.ts';

/** Seconds; from half a millisecond (a cached answer) to ten seconds (something is wrong). */
export const HTTP_LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RequestObservation {
  method: string;
  /** The matched route pattern (`/api/symbols/:symbol`), never the raw path: the label set stays bounded. */
  route: string;
  status: number;
  seconds: number;
}

export interface HttpMetrics {
  started(): void;
  finished(o: RequestObservation): void;
}

/**
 * The request metrics the access log feeds: one place measures a request. Method and status are
 * folded (`OTHER`, `4xx`) so a client cannot mint series by sending odd verbs or codes.
 */
export function httpMetrics(registry: Registry): HttpMetrics {
  const duration = registry.histogram({
    name: 'tickflow_http_request_duration_seconds',
    help: 'Time from a request reaching the edge to its response headers, by route pattern, method and status class.',
    labels: ['method', 'route', 'status'],
    buckets: HTTP_LATENCY_BUCKETS,
  });
  const inFlight = registry.gauge({ name: 'tickflow_http_requests_in_flight', help: 'Requests being handled now.' });
  return {
    started: () => inFlight.inc(),
    finished: (o) => {
      inFlight.dec();
      const method = METHODS.has(o.method) ? o.method : 'OTHER';
      duration.observe({ method, route: o.route, status: `${Math.floor(o.status / 100)}xx` }, o.seconds);
    },
  };
}
