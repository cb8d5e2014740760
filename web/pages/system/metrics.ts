const LAG = /^tickflow_feed_lag_seconds\{feed="([^"\\]*)"\} (\S+)$/;

/**
 * Seconds since market data of each class last reached the edge, from `/metrics` (Prometheus
 * text): the one place the edge publishes it. Only that family is read.
 */
export function parseFeedLags(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = LAG.exec(line.trim());
    if (m && Number.isFinite(Number(m[2]))) out[m[1]!] = Number(m[2]);
  }
  return out;
}

export async function feedLags(): Promise<Record<string, number>> {
  const res = await fetch('/metrics');
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return parseFeedLags(await res.text());
}
