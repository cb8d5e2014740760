import { Tensor } from 'onnxruntime-node';
// onnxruntime-node's own native binding: its InferenceSession loads and runs synchronously.
import { binding, initOrt } from 'onnxruntime-node/dist/binding.js';

/**
 * A synchronous onnxruntime session. The package's public `InferenceSession.run` calls this same
 * native `run`, but from a `setImmediate`, so every forecast would land in a later event-loop
 * turn than the candle that asked for it. An actor's handler is synchronous: the engine's turn
 * (and a replay's ordering) must contain the forecast it scores, so we call the binding directly.
 * It is the version the lockfile pins; `session.test.ts` checks it against the public API.
 */
export interface NativeSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The input's shape, -1 for a symbolic dimension; undefined for a non-tensor input. */
  inputShape(name: string): readonly number[] | undefined;
  run(input: string, data: Float32Array, dims: readonly number[], output: string): Float32Array | undefined;
  release(): void;
}

export function openNativeSession(bytes: Uint8Array, options: { intraOpNumThreads: number }): NativeSession {
  initOrt();
  const session = new binding.InferenceSession();
  session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, options);
  const inputs = session.inputMetadata;
  return {
    inputNames: inputs.map((m) => m.name),
    outputNames: session.outputMetadata.map((m) => m.name),
    inputShape: (name) => {
      const m = inputs.find((i) => i.name === name);
      return m?.isTensor ? m.shape : undefined;
    },
    run(input, data, dims, output) {
      const result = (session.run({ [input]: new Tensor('float32', data, dims) }, { [output]: null }, {})[output] as { data?: unknown } | undefined)?.data;
      return result instanceof Float32Array ? result : undefined;
    },
    release: () => session.dispose(),
  };
}
