import { InferenceSession, Tensor } from 'onnxruntime-node';
import { INPUT_NAME, OUTPUT_NAME } from './export.ts';
import { messageOf, OnnxModelError } from './onnx-model-error.ts';

/** A loaded forecast model: float32 rows in, one float32 prediction per row out. */
export interface OnnxRegressor {
  readonly nFeatures: number;
  /** Predicts every row of a row-major batch; its length must be a multiple of nFeatures. */
  run(batch: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface OnnxLoadOptions {
  /**
   * onnxruntime threads per run. 1 by default: forecasts run on small batches beside the engine,
   * and one thread sums the trees in one fixed order (several threads sum partial sums, which
   * can differ from the TS model in the last float32 bit).
   */
  readonly intraOpNumThreads?: number;
}

/** Opens an inference session on ONNX bytes written by exportOnnx; throws OnnxModelError if it cannot. */
export async function loadOnnxRegressor(bytes: Uint8Array, options: OnnxLoadOptions = {}): Promise<OnnxRegressor> {
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, { intraOpNumThreads: options.intraOpNumThreads ?? 1 });
  } catch (error) {
    throw new OnnxModelError(`Cannot load ONNX model (${bytes.length} bytes): ${messageOf(error)}`, { cause: error });
  }
  const input = session.inputMetadata.find((m) => m.name === INPUT_NAME);
  const nFeatures = input?.isTensor ? input.shape[1] : undefined;
  if (typeof nFeatures !== 'number' || !session.outputNames.includes(OUTPUT_NAME)) {
    await session.release();
    throw new OnnxModelError(
      `Cannot load ONNX model (${bytes.length} bytes): expected input "${INPUT_NAME}" [N, nFeatures] and output "${OUTPUT_NAME}", found inputs ${JSON.stringify(session.inputNames)} and outputs ${JSON.stringify(session.outputNames)}`,
    );
  }

  return {
    nFeatures,
    async run(batch) {
      if (batch.length % nFeatures !== 0) throw new RangeError(`Cannot run ONNX model: a batch of ${batch.length} values is not whole rows of ${nFeatures} features`);
      const feeds = { [INPUT_NAME]: new Tensor('float32', batch, [batch.length / nFeatures, nFeatures]) };
      const output = (await session.run(feeds))[OUTPUT_NAME];
      if (!(output?.data instanceof Float32Array)) throw new OnnxModelError(`ONNX model returned no float32 "${OUTPUT_NAME}" output`);
      return output.data;
    },
    release: () => session.release(),
  };
}
