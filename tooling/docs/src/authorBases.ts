/**
 * The bad-input walk's base arguments for the backend- and test-author API, and `baseArgs`, which
 * picks an export's base from these and the user-facing table in badInputs.ts.
 */
import * as ops from '../../../packages/ops/src/index.js';
import { jit } from '../../../packages/jit/src/index.js';
import { getBackend, type Tensor, tensor } from '../../../packages/tensor/src/index.js';
import { releaseTape, startTape, unregisterKernel } from '../../../packages/tensor/src/backend.js';
import { BASE, made, T, x2 } from './badInputs.js';

/** A float32 [2, 2] + [2, 2] program for `runElementwise`. */
const addProgram = () => ({
  shape: [2, 2],
  inputs: [
    { shape: [2, 2], dtype: 'float32' },
    { shape: [2, 2], dtype: 'float32' },
  ],
  steps: [{ kind: 'binary', op: 'add', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' }],
});
/** A 2×2 view of four numbers, for the CPU backend's gemm entries. */
const view = () => ({ data: [1, 2, 3, 4], offset: 0, rowStride: 2, colStride: 1 });
/** A tape the walk owns: released after the call, so a base tape is never a leak. */
const tape = () => {
  const t = startTape([x2()]);
  made.push({ dispose: () => releaseTape(t) });
  return t;
};
/** A conformance case that adds two numbers (its tensors are made and freed inside the case). */
const walkCase = () => ({
  name: 'walk',
  ops: ['add'],
  run: () => ops.add(tensor([1, 2]), tensor([3, 4])),
  expected: { shape: [2], dtype: 'float32', values: [4, 6] },
});
const result = () => [{ shape: [2], dtype: 'float32', values: new Float32Array([4, 6]) }];

/**
 * A lowered jit graph of x + 1 (one op: a chain would leave its eager intermediate to the traced
 * call, as the same function does outside jit), its compiled function freed after the call.
 */
const lowered = () => {
  const f = jit((a: Tensor) => ops.add(a, 1));
  made.push({ dispose: () => f.clear() });
  const { graph, steps } = f.lower(x2());
  return [graph, steps, []];
};

/**
 * Valid base arguments of the backend- and test-author API (`@mindts/tensor/backend`, the
 * backends' exported helpers, `@mindts/ops/testing`), so that each bad value reaches the check
 * behind the first argument.
 */
export const AUTHOR_BASE: Record<string, () => unknown[]> = {
  'tensor/backend runKernel': () => ['Unary', [x2()], { op: 'relu' }],
  'tensor/backend startTape': () => [[x2()]],
  'tensor/backend endTape': () => [tape()],
  'tensor/backend releaseTape': () => [tape()],
  'tensor/backend withoutTape': () => [() => 1],
  'tensor/backend untraced': () => [() => 1],
  'tensor/backend sizeOf': () => [[2, 3]],
  'tensor/backend stridesOf': () => [[2, 3]],
  'tensor/backend shapeString': () => [[2, 3]],
  'tensor/backend shapesEqual': () => [[2], [2]],
  'tensor/backend broadcastedAxes': () => [
    [1, 3],
    [2, 3],
  ],
  'tensor/backend broadcastShapes': () => [
    [1, 3],
    [2, 3],
  ],
  'tensor/backend normalizeAxis': () => [-1, 2, 'axis'],
  'tensor/backend validateShape': () => [[2, 3], 'shape'],
  'tensor/backend storageBytes': () => [[2, 3], 'float32'],
  'tensor/backend resolveIndex': () => [[4, 5], [1]],
  'tensor/backend formatTensor': () => [new Float32Array([1, 2]), [2], 'float32'],
  'tensor/backend formatNumpy': () => [new Float32Array([1, 2]), [2], 'float32'],
  'tensor/backend encodeFloat16': () => [new Float32Array([1, 0.5])],
  'tensor/backend decodeFloat16': () => [new Uint16Array([0x3c00])],
  'tensor/backend float16Bits': () => [1],
  'tensor/backend float16Value': () => [0x3c00],
  'tensor/backend randomBits': () => [1, 0],
  'tensor/backend uniform01': () => [1, 0],
  'tensor/backend randomValue': () => ['normal', 1, 0, 0, 0, 1],
  'tensor/backend nextRandomKey': () => [2],
  'tensor/backend getKernel': () => ['Unary', 'cpu'],
  // A kernel under names no backend has, unregistered after the call (registered only when accepted).
  'tensor/backend registerKernel': () => {
    made.push({ dispose: () => unregisterKernel('__walkKernel__', '__walk__') });
    return [{ name: '__walkKernel__', backendName: '__walk__', kernelFunc: () => ({}) }];
  },
  'tensor/backend unregisterKernel': () => ['__walk__', '__walk__'],
  'tensor/backend makeArray': () => ['float32', 2],
  'tensor/backend makeValues': () => ['float32', 2],
  'tensor/backend tensorInfo': () => [x2(), getBackend()],
  'tensor/backend runElementwise': () => [addProgram(), [x2(), x2()], () => ops.add(x2(), x2())],
  'tensor/backend stepOperands': () => [addProgram().steps[0]],
  'tensor/backend refString': () => [{ input: 0 }],
  'backend-cpu gemmFloat': () => [2, 2, 2, view(), view(), new Float64Array(4), 0],
  'backend-cpu gemmInt': () => [2, 2, 2, view(), view(), new Float64Array(4), 0, true],
  'backend-cpu fillImpl': () => [4, 1, 'float32'],
  'backend-cpu randomImpl': () => [4, 'float32', 'uniform', 1, 0, 0, 1],
  'backend-cpu castImpl': () => [new Float32Array([1, 2]), 'int32'],
  'backend-cpu unaryImpl': () => ['relu', new Float32Array([1, -2]), 'float32'],
  'backend-cpu binaryImpl': () => ['add', [2], new Float32Array([1, 2]), [2], new Float32Array([3, 4]), 'float32'],
  'backend-cpu gatherImpl': () => [new Float32Array([1, 2, 3, 4]), [2, 2], new Int32Array([1, 0]), [2], 0, 'float32'],
  'backend-cpu transposeImpl': () => [new Float32Array([1, 2, 3, 4]), [2, 2], [1, 0], 'float32'],
  'backend-cpu reduceImpl': () => ['sum', new Float32Array([1, 2, 3, 4]), [2, 2], [0], 'float32'],
  'backend-cpu argsortImpl': () => [new Float32Array([3, 1, 2]), [3], 0, false],
  'backend-cpu cumulativeImpl': () => [new Float32Array([1, 2, 3]), [3], 'sum', 0, false, 'float32'],
  'backend-cpu concatImpl': () => [[new Float32Array([1]), new Float32Array([2])], [[1], [1]], 0, 'float32'],
  'backend-cpu matMulImpl': () => [new Float32Array([1, 2, 3, 4]), [2, 2], new Float32Array([1, 0, 0, 1]), [2, 2], false, false, 'float32'],
  'backend-cpu whereImpl': () => [[2], new Uint8Array([1, 0]), [2], new Float32Array([1, 2]), [2], new Float32Array([3, 4]), 'float32'],
  'backend-cpu broadcastToImpl': () => [new Float32Array([1, 2]), [2], [2, 2], 'float32'],
  'backend-cpu erf': () => [0.5],
  'backend-cpu erfc': () => [0.5],
  'backend-cpu compileHostElementwise': () => [addProgram(), {}],
  'backend-wasm sizeClass': () => [100],
  'backend-wasm Allocator': () => [0, () => {}],
  'backend-wasm loadKernels': () => [{}],
  'ops wants': () => [{ needs: [true] }, 0],
  'jit graphText': lowered,
  'jit graphDot': lowered,
  'jit/testing replayResults': () => [{ name: 'walk', run: () => ops.add(tensor([1, 2]), tensor([3, 4])) }, {}],
  'ops/testing compareResults': () => [result(), result(), {}],
  'ops/testing toleranceOf': () => [walkCase(), 1],
  'ops/testing expectedOf': () => [walkCase()],
  'ops/testing readResults': () => [walkCase(), 'cpu'],
  'ops/testing checkCase': () => [walkCase(), { backend: 'cpu', reference: 'cpu' }],
  'ops/testing checkGradients': () => [(a: Tensor) => ops.mul(a, a), [T([1, 2], 'float64')], {}],
  'plugin-example mishValue': () => [0.5],
  'plugin-example mishImpl': () => [new Float32Array([1, 2]), new Float32Array(2)],
  'plugin-example mishOutput': () => [{ dataId: 0, shape: [2], dtype: 'float32' }],
};

/** The base of `id`: its table row, else a Tensor per declared parameter (at least one). */
export function baseArgs(id: string, arity: number): unknown[] {
  const key = id.replace(/^@mindts\//, '');
  const row = BASE[key] ?? AUTHOR_BASE[key];
  if (row) return row();
  return Array.from({ length: Math.max(1, arity) }, () => x2());
}
