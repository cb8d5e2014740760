/**
 * Serving the trained model sets: cards checked against this code's features, files against the
 * cards' hashes, several versions side by side, one chosen per class and timeframe.
 */
export {
  CARD_FORMAT,
  FORECAST_CLASSES,
  modelCardSchema,
  modelRef,
  QUANTILE_NAMES,
  QUANTILES,
  type ForecastClass,
  type ForecastMetrics,
  type ModelCard,
  type QuantileName,
} from './card-schema.ts';
export { ForecastModel, type QuantileForecast } from './forecast-model.ts';
export { loadModelSet, ModelLoadError } from './load-model-set.ts';
export { modelChoiceSchema, parseModelChoice, type ModelChoice } from './model-choice.ts';
export { orderQuantiles } from './quantile-order.ts';
export { chooseModel, loadRegistry, type ModelChoiceResult, type ModelRegistry } from './registry.ts';
export { SHIPPED_MODELS } from './shipped.ts';
