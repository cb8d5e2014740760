/**
 * Forecast features: one module for training and serving, so there is no skew between them.
 * README.md: what the features are, the no-look-ahead rule, the version string.
 */
export { FeatureBuilder } from './feature-builder.ts';
export type { FeatureBuilderState } from './builder-state.ts';
export { FEATURE_SPEC, featureNames, featureSpecFor, featureSpecSchema, parseFeatureSpec, type FeatureSpec } from './spec.ts';
export {
  FEATURE_DEFINITIONS_REVISION,
  checkFeatureSignature,
  featureSignature,
  featureSignatureSchema,
  featureVersion,
  type FeatureSignature,
  type SignatureCheck,
} from './version.ts';
export { buildDataset, type Dataset, type DatasetOptions } from './dataset.ts';
export { aggregateCandles } from './aggregate.ts';
