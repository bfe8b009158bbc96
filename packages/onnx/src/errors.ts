/**
 * The error an export raises.
 */

/**
 * An error from exporting a network to ONNX: a primitive with no ONNX translation, a network that
 * writes to its Parameters or draws random numbers while traced, a batch axis that cannot be made
 * dynamic when `dynamicBatch: true` asked for it, or a file that cannot be written.
 * @example
 * try {
 *   await toOnnx(net, [x]);
 * } catch (e) {
 *   if (e instanceof OnnxExportError) console.error(e.message); // names the op or the reason
 * }
 */
export class OnnxExportError extends Error {
  override name = 'OnnxExportError';
}
