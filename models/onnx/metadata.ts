import { onnx } from 'onnx-proto';
import { messageOf, OnnxModelError } from './onnx-model-error.ts';

/**
 * The metadata_props of an ONNX file (model id, version, feature names...), read with the
 * protobuf schema alone: no inference session is needed to tell which model a file holds.
 */
export function readOnnxMetadata(bytes: Uint8Array): Record<string, string> {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new OnnxModelError(`Cannot read ONNX metadata (${bytes.length} bytes): not an ONNX model: ${messageOf(error)}`, { cause: error });
  }
  const metadata: Record<string, string> = {};
  for (const { key, value } of model.metadataProps) if (key) metadata[key] = value ?? '';
  return metadata;
}
