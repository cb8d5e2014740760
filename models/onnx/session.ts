import { INPUT_NAME, OUTPUT_NAME } from './export.ts';
import { openNativeSession, type NativeSession } from './native-session.ts';
import { messageOf, OnnxModelError } from './onnx-model-error.ts';

/** A loaded forecast model: float32 rows in, one float32 prediction per row out. */
export interface OnnxRegressor {
  readonly nFeatures: number;
  /** Predicts every row of a row-major batch; its length must be a multiple of nFeatures. */
  run(batch: Float32Array): Float32Array;
  release(): void;
}

export interface OnnxLoadOptions {
  /**
   * onnxruntime threads per run. 1 by default: forecasts run on small batches beside the engine,
   * and one thread sums the trees in one fixed order (several threads sum partial sums, which
   * can differ from the TS model in the last float32 bit).
   */
  readonly intraOpNumThreads?: number;
}

/**
 * Opens an inference session on ONNX bytes written by exportOnnx; throws OnnxModelError if it
 * cannot. Synchronous, load and run alike (native-session.ts says why).
 */
export function loadOnnxRegressor(bytes: Uint8Array, options: OnnxLoadOptions = {}): OnnxRegressor {
  let session: NativeSession;
  try {
    session = openNativeSession(bytes, { intraOpNumThreads: options.intraOpNumThreads ?? 1 });
  } catch (error) {
    throw new OnnxModelError(`Cannot load ONNX model (${bytes.length} bytes): ${messageOf(error)}`, { cause: error });
  }
  const shape = session.inputShape(INPUT_NAME);
  const nFeatures = shape?.length === 2 && shape[1]! > 0 ? shape[1]! : undefined;
  if (nFeatures === undefined || !session.outputNames.includes(OUTPUT_NAME)) {
    session.release();
    throw new OnnxModelError(
      `Cannot load ONNX model (${bytes.length} bytes): expected input "${INPUT_NAME}" [N, nFeatures] and output "${OUTPUT_NAME}", found inputs ${JSON.stringify(session.inputNames)} and outputs ${JSON.stringify(session.outputNames)}`,
    );
  }

  return {
    nFeatures,
    run(batch) {
      if (batch.length % nFeatures !== 0) throw new RangeError(`Cannot run ONNX model: a batch of ${batch.length} values is not whole rows of ${nFeatures} features`);
      const output = session.run(INPUT_NAME, batch, [batch.length / nFeatures, nFeatures], OUTPUT_NAME);
      if (!output) throw new OnnxModelError(`ONNX model returned no float32 "${OUTPUT_NAME}" output`);
      return output;
    },
    release: () => session.release(),
  };
}
