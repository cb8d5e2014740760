/** Live accuracy of served forecasts: MAE, MAPE, hit rate and interval coverage, over any set of outcomes. */
export { accuracyOf, EMPTY_ACCURACY, rollingAccuracy, type Accuracy, type ScoredForecast } from './accuracy.ts';
