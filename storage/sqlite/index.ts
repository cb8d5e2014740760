// The embedded store: bun:sqlite in WAL mode (see open.ts for why each setting).
export { open } from './open.ts';
export { MIGRATIONS, migrate, type Migration } from './migrations.ts';
export { CandleStore } from './candle-store.ts';
export { ForecastStore, type ForecastRecord, type StoredForecast } from './forecast-store.ts';
export { readCandlesOnce, readForecastsOnce } from './read-once.ts';
export { AccountStore, type AccountRecord, type NewAccount, type StoredKey } from './accounts.ts';
export { SignalStore, StrategyStore, type SignalRecord, type StoredStrategy } from './signal-store.ts';
