/**
 * `ops.applyGradientDescent`, after MindSpore's `ops.ApplyGradientDescent` primitive
 * (mindspore/python/mindspore/ops/operations/nn_ops.py): `var ← var − alpha·delta` in place, one
 * fused pass over the variable on backends that compile elementwise programs.
 */
import { checkArity, type DType, promoteTypes, type Tensor, tidy } from '@mindts/tensor';
import { adoptData, type ElementwiseProgram, runElementwise, runKernel, shapeString, shapesEqual } from '@mindts/tensor/backend';
import { checkTensor, describe, toDType } from './operand.js';

const OP = 'ApplyGradientDescent';
const FLOATS: ReadonlySet<DType> = new Set<DType>(['float16', 'float32']);

/** `var − alpha·delta` for operands of one float dtype: `alpha` a scalar, `delta` of var's shape. */
function descentProgram(shape: readonly number[], dtype: DType): ElementwiseProgram {
  return {
    shape,
    inputs: [
      { shape, dtype },
      { shape: [], dtype },
      { shape, dtype },
    ],
    steps: [
      { kind: 'binary', op: 'mul', a: { input: 1 }, b: { input: 2 }, inDType: dtype, dtype },
      { kind: 'binary', op: 'sub', a: { input: 0 }, b: { step: 0 }, inDType: dtype, dtype },
    ],
  };
}

/**
 * Updates `variable` in place by `variable − alpha · delta` and returns it (MindSpore
 * `ops.ApplyGradientDescent()(var, alpha, delta)`). `variable` is a float16/float32 Tensor or
 * Parameter; `alpha` a number or a one-element Tensor (float16/float32), taken in the variable's
 * dtype; `delta` a Tensor of the variable's shape, cast up to its dtype (a wider one is an error,
 * as for every in-place update of a Parameter). Where the backend compiles elementwise programs
 * (the CPU, wasm and gpu.js backends) the update is one pass over the variable instead of a
 * product and a difference; while a tape records or jit traces it runs as those two primitives.
 * @example
 * const w = new Parameter(tensor([1, 2], 'float32'), 'w');
 * ops.applyGradientDescent(w, 0.1, tensor([1, 1], 'float32')); // w is now [0.9, 1.9]
 */
export function applyGradientDescent<T extends Tensor>(variable: T, alpha: Tensor | number, delta: Tensor): T {
  checkArity(arguments.length, 3, 'applyGradientDescent');
  checkTensor(variable, OP, 'var');
  const dtype = variable.dtype;
  if (!FLOATS.has(dtype)) throw new TypeError(`For '${OP}', the 'var' must be float16 or float32, but got ${describe(variable)}.`);
  if (typeof alpha !== 'number') {
    checkTensor(alpha, OP, 'alpha (a number or a Tensor)');
    if (alpha.size !== 1 || alpha.rank > 1)
      throw new RangeError(`For '${OP}', the 'alpha' must be a scalar (shape [] or [1]), but got ${describe(alpha)}.`);
    if (!FLOATS.has(alpha.dtype)) throw new TypeError(`For '${OP}', the 'alpha' must be float16 or float32, but got ${describe(alpha)}.`);
  } else if (!Number.isFinite(alpha)) {
    throw new RangeError(`For '${OP}', the 'alpha' must be a finite number, but got ${alpha}.`);
  }
  checkTensor(delta, OP, 'delta');
  if (!shapesEqual(delta.shape, variable.shape)) {
    throw new RangeError(
      `For '${OP}', the shape of 'delta' must be the same as the shape of 'var' ${shapeString(variable.shape)}, but got ${shapeString(delta.shape)}.`,
    );
  }
  if (promoteTypes(dtype, delta.dtype) !== dtype) {
    throw new TypeError(
      `For '${OP}', data type conversion of 'Parameter' is not supported, so data type ${dtype} cannot be converted to data type ${delta.dtype} automatically.`,
    );
  }
  const next = tidy(() => {
    const a =
      typeof alpha === 'number' || alpha.rank === 0 ? toDType(alpha, dtype) : runKernel('Reshape', [toDType(alpha, dtype)], { shape: [] });
    const d = toDType(delta, dtype);
    return runElementwise(descentProgram(variable.shape, dtype), [variable, a, d], () =>
      runKernel('Binary', [variable, runKernel('Binary', [a, d], { op: 'mul' })], { op: 'sub' }),
    );
  });
  adoptData(variable, next);
  return variable;
}
