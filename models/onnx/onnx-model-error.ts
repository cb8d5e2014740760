/**
 * Bytes that are not a usable forecast model: not ONNX at all, or not the graph exportOnnx writes.
 * The message says which model (its size) and what failed; `cause` keeps onnxruntime's own error.
 */
export class OnnxModelError extends Error {
  override name = 'OnnxModelError';
}

/** The underlying error's message, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
