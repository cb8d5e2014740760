/**
 * strategies/: decision logic as plain objects, testable without the runtime. The strategy
 * interface (strategy.ts), its config (config.ts), the runner that keeps a strategy's book,
 * sizing, exits and direction around it (runner.ts), and the built-ins (builtins/).
 */
export type { CandleEvent, FillEvent, ForecastEvent, IndicatorsEvent, Intents, OrderIntent, Position, Side, Strategy, StrategyContext, StrategyDefinition, StrategyInit } from './strategy.ts';
export { BUILTIN_KINDS, describeIssues, exitsSchema, sizingSchema, strategyConfigSchema, strategyIdSchema, symbolSchema, timeframesOf, type BuiltinKind, type Sizing, type StrategyConfig, type StrategyConfigInput } from './config.ts';
export { StrategyRunner, closeTimeOf, type Outcome, type RunnerState } from './runner.ts';
export { clientOrderIdOf, ownsOrder, orderIntentSchema, type Signal, type SignalStatus, type Trigger } from './signal.ts';
export { applyFill, emptyBook, equityOf, roundQty, type BookState, type PendingOrder } from './book.ts';
export { annualisedVolatility, floorToLot, LOT, sizeOf } from './sizing.ts';
export { checkExits } from './exits.ts';
export { steer, type Bias } from './steer.ts';
export { StrategyConfigError, checkParams, definitionFrom } from './module.ts';
export { BUILTINS } from './builtins/index.ts';
