/** Gradient-boosted regression trees: train on feature matrices, predict, read models back from JSON. */
export { type Dataset, DatasetError, type Matrix, matrix } from './matrix.ts';
export { leafOf, type Model, MODEL_FORMAT, predict, predictBatch, type Tree } from './model.ts';
export { ModelFormatError, parseModel } from './model-schema.ts';
export { type GbtParams, GbtParamsError, type GbtParamsInput, gbtParamsSchema, type Loss, parseGbtParams } from './params.ts';
export { type TrainInput, type TrainResult, trainGbt, type TreeProgress } from './train.ts';
