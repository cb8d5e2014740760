import type { OpenAPIHono } from '@hono/zod-openapi';

type Registry = OpenAPIHono['openAPIRegistry'];
type DocumentConfig = Parameters<OpenAPIHono['getOpenAPI31Document']>[0];

const TAGS = [
  { name: 'engine', description: 'The process and its actor system' },
  { name: 'market', description: 'Live views, candles, indicators and summaries, from the symbol and summary actors and the candle store' },
  { name: 'instruments', description: 'The instrument universe' },
  { name: 'models', description: 'Forecasts and their live accuracy' },
  { name: 'strategies', description: 'Strategies trading paper accounts: start, inspect, stop, their signals' },
  { name: 'backtests', description: 'Backtests run as jobs: submit a config, follow its progress, read its report' },
  { name: 'admin', description: 'Operators only: needs the admin key' },
  { name: 'trading', description: "Paper trading: Alpaca's v2 trading API and the accounts' analytics, with an account's key pair" },
];

/** The admin key's two spellings, which the admin routes name in their `security`. */
export function registerSecuritySchemes(registry: Registry): void {
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ADMIN_KEY>' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'X-API-Key: <ADMIN_KEY>' });
}

export const documentConfig = (version: string): DocumentConfig => ({
  openapi: '3.1.0',
  info: {
    title: 'Tickflow',
    version,
    description: 'A real-time market engine: live symbol views, candles, indicators and market summaries. Errors are RFC 9457 problem details.',
  },
  tags: TAGS,
});
