/**
 * `toOnnx`: a network as ONNX model bytes, in memory (Node and the browser alike).
 */
import { checkArity, checkOptions, describeType, type OptionKeys } from '@mindts/tensor';
import { OnnxExportError } from './errors.js';
import { graphToOnnx, OPSET_VERSION } from './graphToOnnx.js';
import type { OnnxValueInfo } from './onnxProto.js';
import { batchTrace, type Exportable, fixedTrace, inInferenceMode, type TracedGraph } from './traceNetwork.js';

/**
 * Options of {@link toOnnx} (and of `exportOnnx`, with its file options).
 * @example
 * await toOnnx(net, [x], { dynamicBatch: true, inputNames: ['image'], outputNames: ['logits'] });
 */
export interface OnnxOptions {
  /**
   * Leave the batch size open (a symbolic `batch` dimension): `'auto'` (default) where the
   * network allows it, else the traced size; `true` where it allows it, else an error saying why;
   * `false` to keep the traced size.
   */
  dynamicBatch?: boolean | 'auto';
  /** The axis of the inputs that is the batch (default 0; 1 for a sequence-first Transformer). */
  batchAxis?: number;
  /** Names of the model's inputs, one for each input tensor (default `input`, or `input_0`, `input_1`, …). */
  inputNames?: readonly string[];
  /** Names of the model's outputs, one for each returned tensor (default `output`, or `output_0`, …). */
  outputNames?: readonly string[];
}

const ONNX_KEYS: OptionKeys<OnnxOptions> = { dynamicBatch: true, batchAxis: true, inputNames: true, outputNames: true };

/**
 * A network exported to ONNX: the ModelProto bytes and the model's interface.
 * @example
 * const model = await toOnnx(net, [x]);
 * model.inputs[0]; // { name: 'input', dtype: 'float32', dims: ['batch', 784] }
 */
export interface OnnxModel {
  /** The ONNX ModelProto, weights inside (`InferenceSession.create(bytes)` in onnxruntime). */
  readonly bytes: Uint8Array;
  /** The graph inputs: name, dtype and dimensions (`'batch'` where the batch size is open). */
  readonly inputs: readonly OnnxValueInfo[];
  /** The graph outputs, in the order the network returns them (depth first through arrays and objects). */
  readonly outputs: readonly OnnxValueInfo[];
  /** Whether the batch size is open. */
  readonly dynamicBatch: boolean;
  /** Why the batch size stayed fixed, when `dynamicBatch: 'auto'` could not open it. */
  readonly fixedBatchReason: string | null;
  /** The ONNX opset the model uses (17). */
  readonly opsetVersion: number;
}

function checkNames(v: unknown, what: string): readonly string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((n) => typeof n === 'string' && n !== '')) {
    throw new TypeError(`For 'toOnnx', the '${what}' must be an array of non-empty strings, but got ${describeType(v)}.`);
  }
  return v as string[];
}

/** Checks the arguments shared by `toOnnx` and `exportOnnx`. */
export function checkExportArgs(net: unknown, where: string): asserts net is Exportable {
  const callable =
    typeof net === 'function' || (typeof net === 'object' && net !== null && typeof (net as { call?: unknown }).call === 'function');
  if (!callable) throw new TypeError(`For '${where}', the 'net' must be a Cell or a function, but got ${describeType(net)}.`);
}

function netName(net: Exportable): string {
  if (typeof net === 'function') return net.name || 'network';
  return (net as { constructor?: { name?: string } }).constructor?.name || 'network';
}

/**
 * Translates a network to ONNX (opset 17), the weights inside: traces `net(...inputs)` with
 * `jit` in inference mode (every Cell's `training` is restored after), maps each primitive to
 * ONNX operators, and stores the Parameters it reads as initializers under their names. Dense,
 * Conv2d, pooling, BatchNorm in inference, LayerNorm, activations, softmax, attention and
 * everything built from MatMul, Conv2D, Pool2D, reductions, elementwise ops, reshapes,
 * transposes, slices, concatenation and gathers translate; a primitive that does not (a random
 * draw, a sort, atan2) is an {@link OnnxExportError} naming it. Where the network allows it, the
 * batch size stays open (see {@link OnnxOptions.dynamicBatch}). Everything in memory, so it
 * works in the browser; `exportOnnx` writes a file.
 * @example
 * import * as ort from 'onnxruntime-node';
 * const model = await toOnnx(net, [ops.ones([1, 784])]);
 * const session = await ort.InferenceSession.create(model.bytes);
 * const { output } = await session.run({ input: new ort.Tensor('float32', pixels, [32, 784]) });
 */
export async function toOnnx(net: Exportable, inputs: readonly unknown[], options?: OnnxOptions): Promise<OnnxModel> {
  checkArity(arguments.length, 3, 'toOnnx');
  checkExportArgs(net, 'toOnnx');
  if (!Array.isArray(inputs))
    throw new TypeError(`For 'toOnnx', the 'inputs' must be an array of the network's arguments, but got ${describeType(inputs)}.`);
  const o = checkOptions<OnnxOptions>(options, 'toOnnx', ONNX_KEYS);
  const dynamicBatch = o.dynamicBatch ?? 'auto';
  if (dynamicBatch !== true && dynamicBatch !== false && dynamicBatch !== 'auto') {
    throw new TypeError(`For 'toOnnx', the 'dynamicBatch' must be true, false or 'auto', but got ${String(dynamicBatch)}.`);
  }
  const batchAxis = o.batchAxis ?? 0;
  if (!Number.isInteger(batchAxis) || batchAxis < 0) {
    throw new RangeError(`For 'toOnnx', the 'batchAxis' must be an integer >= 0, but got ${String(batchAxis)}.`);
  }
  const inputNames = checkNames(o.inputNames, 'inputNames');
  const outputNames = checkNames(o.outputNames, 'outputNames');
  const name = netName(net);

  return inInferenceMode(net, async () => {
    let traced: TracedGraph | undefined;
    let fixedBatchReason: string | null = null;
    if (dynamicBatch !== false) {
      const attempt = await batchTrace(net, inputs, batchAxis, name);
      if (typeof attempt === 'string') {
        if (dynamicBatch === true)
          throw new OnnxExportError(
            `ONNX export cannot leave the batch size open: ${attempt}. Pass dynamicBatch: false to export the traced size.`,
          );
        fixedBatchReason = attempt;
      } else traced = attempt;
    }
    traced ??= fixedTrace(net, inputs, name);
    try {
      const model = await graphToOnnx({
        graph: traced.graph,
        dims: traced.dims,
        fillValues: traced.fillValues,
        batchAxis: fixedBatchReason === null && dynamicBatch !== false ? batchAxis : null,
        inputNames,
        outputNames,
        name,
      });
      return { ...model, dynamicBatch: model.inputs.some((i) => i.dims.includes('batch')), fixedBatchReason, opsetVersion: OPSET_VERSION };
    } finally {
      traced.release();
    }
  });
}
