/** gbt models as ONNX files: export, load and run with onnxruntime-node, read metadata back. */
export { exportOnnx, INPUT_NAME, type OnnxExportOptions, OUTPUT_NAME } from './export.ts';
export { readOnnxMetadata } from './metadata.ts';
export { OnnxModelError } from './onnx-model-error.ts';
export { loadOnnxRegressor, type OnnxLoadOptions, type OnnxRegressor } from './session.ts';
