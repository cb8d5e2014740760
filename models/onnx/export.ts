import { onnx } from 'onnx-proto';
import type { Model } from '../gbt/model.ts';
import { treeEnsembleNode } from './tree-ensemble.ts';

/** The graph's names, fixed so every forecast model is run the same way. */
export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'variable';

/**
 * IR version 8 with opset 15 and ai.onnx.ml 3: the versions onnx-proto's schema (ONNX 1.10/1.11)
 * describes, read by every onnxruntime since 1.11. ai.onnx.ml 3 still has TreeEnsembleRegressor
 * (opset 5 replaced it with TreeEnsemble).
 */
const IR_VERSION = 8;
const OPSETS = [
  { domain: '', version: 15 },
  { domain: 'ai.onnx.ml', version: 3 },
];

export interface OnnxExportOptions {
  /** Stored as metadata_props in this order: model id, version, feature names, horizon... */
  readonly metadata?: Readonly<Record<string, string>>;
  /** ONNX's model_version, an integer. */
  readonly modelVersion?: number;
  readonly docString?: string;
}

/**
 * Encodes a model as ONNX bytes: input `features` float32 [N, nFeatures], output `variable`
 * float32 [N, 1]. Deterministic: the same model and options give the same bytes (no timestamps,
 * metadata in the caller's order).
 */
export function exportOnnx(model: Model, options: OnnxExportOptions = {}): Uint8Array {
  const { metadata = {}, modelVersion = 1, docString = '' } = options;
  if (!Number.isInteger(modelVersion) || modelVersion < 0) throw new RangeError(`Cannot export to ONNX: modelVersion must be an integer >= 0, was ${modelVersion}`);
  for (const [key, value] of Object.entries(metadata)) {
    if (key === '' || typeof value !== 'string') throw new TypeError(`Cannot export to ONNX: metadata needs non-empty keys and string values, got ${JSON.stringify(key)}: ${typeof value}`);
  }
  const proto: onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: OPSETS,
    producerName: 'tickflow',
    producerVersion: model.format,
    modelVersion,
    docString,
    graph: {
      name: 'tickflow_gbt',
      node: [treeEnsembleNode(model, INPUT_NAME, OUTPUT_NAME)],
      input: [floatTensor(INPUT_NAME, model.nFeatures)],
      output: [floatTensor(OUTPUT_NAME, 1)],
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  // A plain copy: under Node, protobufjs hands back a Buffer that may view a shared pool.
  return Uint8Array.from(onnx.ModelProto.encode(proto).finish());
}

/** A float32 tensor [N, columns] with a symbolic batch dimension. */
function floatTensor(name: string, columns: number): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: columns }] },
      },
    },
  };
}
