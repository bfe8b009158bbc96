/**
 * In-place updates of a variable (a Tensor or Parameter): compute the new buffer with a kernel,
 * then swap it into the variable with `adoptData`.
 */
import { checkArity, type DType, promoteTypes, Tensor, type TensorLike, tensor, tidy } from '@mindts/tensor';
import { adoptData, runKernel, shapeString, shapesEqual } from '@mindts/tensor/backend';
import { describe, scalarResultDType, toDType } from './operand.js';

/**
 * MindSpore's error when the implicit conversion would have to change the writable argument's
 * dtype. Wording from mindspore-ai/mindspore,
 * mindspore/ccsrc/frontend/operator/composite/do_signature.cc, RaiseExceptionForConvertRefDtype
 * (commit 017770ad585ac0c786612f0a9ae0b7932bfc680f):
 *   "Data type conversion of 'Parameter' is not supported, so data type <ref> cannot be
 *    converted to data type <target> automatically."
 * (the message MindSpore's docs show for this case; newer versions raise it as a TypeError).
 */
function conversionError(variable: DType, target: DType): TypeError {
  return new TypeError(
    `Data type conversion of 'Parameter' is not supported, so data type ${variable} cannot be converted to data type ${target} automatically.`,
  );
}

/** The dtype `value` needs next to a variable of `dtype` under MindSpore's implicit conversion rules. */
function valueDType(dtype: DType, value: Tensor | TensorLike, raw: Tensor | undefined): DType {
  if (value instanceof Tensor) return promoteTypes(dtype, value.dtype);
  if (typeof value === 'number' || typeof value === 'boolean') return scalarResultDType(dtype, value);
  const inferred = (raw as Tensor).dtype;
  // A typed array has a dtype of its own; a nested JS array is a list of scalars.
  if (ArrayBuffer.isView(value)) return promoteTypes(dtype, inferred);
  return inferred === 'bool' ? dtype : scalarResultDType(dtype, inferred === 'int32' ? 1 : 0.5);
}

/**
 * `value` as a tensor of the variable's dtype and shape, with MindSpore's checks: a narrower
 * dtype is cast up, a wider one is refused; the shape must match (a scalar broadcasts). The
 * caller's own tensor comes back as it is unless `copy`: `assign` adopts the result's storage, so
 * it must not be the caller's.
 */
function prepare(op: string, variable: Tensor, value: Tensor | TensorLike, copy: boolean): Tensor {
  if (!(variable instanceof Tensor))
    throw new TypeError(`For '${op}', variable must be a Tensor or Parameter, but got ${describe(variable)}.`);
  const ok =
    value instanceof Tensor || typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value) || ArrayBuffer.isView(value);
  if (!ok)
    throw new TypeError(`For '${op}', value must be a Tensor, a number, a boolean or an array of numbers, but got ${describe(value)}.`);
  return tidy(() => {
    const raw = value instanceof Tensor ? value : typeof value === 'object' ? tensor(value) : undefined;
    const target = valueDType(variable.dtype, value, raw);
    if (target !== variable.dtype) throw conversionError(variable.dtype, target);
    const v = raw === undefined ? toDType(value as number | boolean, variable.dtype) : toDType(raw, variable.dtype);
    const shape = variable.shape;
    // MindSpore's Assign also accepts a [1] value for a [] variable and the reverse.
    if (v.rank === 0 || (shape.length === 0 && shapesEqual(v.shape, [1])))
      return runKernel('BroadcastTo', [runKernel('Reshape', [v], { shape: [] })], { shape });
    if (!shapesEqual(v.shape, shape)) {
      throw new RangeError(
        `For '${op}', the shape of value is ${shapeString(v.shape)}. It should be same with variable's shape ${shapeString(shape)}.`,
      );
    }
    return v === value && copy ? runKernel('Reshape', [v], { shape }) : v;
  });
}

/**
 * Writes `value` into `variable` in place and returns `variable` (MindSpore `ops.assign`).
 * `value` is a Tensor, number, boolean or (nested) array of the variable's shape (a scalar
 * broadcasts); a narrower dtype is cast up to the variable's, a wider one is an error, as for
 * MindSpore Parameters.
 * @example
 * const w = tensor([1, 2], 'float32');
 * ops.assign(w, tensor([3, 4])); // w is now float32 [3, 4]
 */
export function assign<T extends Tensor>(variable: T, value: Tensor | TensorLike): T {
  checkArity(arguments.length, 2, 'assign');
  adoptData(variable, prepare('assign', variable, value, true));
  return variable;
}

/**
 * `variable += value` in place; returns `variable` (MindSpore `ops.assign_add`). Same value
 * rules as {@link assign}.
 * @example
 * ops.assignAdd(step, 1);
 */
export function assignAdd<T extends Tensor>(variable: T, value: Tensor | TensorLike): T {
  checkArity(arguments.length, 2, 'assignAdd');
  return update('assignAdd', 'add', variable, value);
}

/**
 * `variable -= value` in place; returns `variable` (MindSpore `ops.assign_sub`). Same value
 * rules as {@link assign}.
 * @example
 * ops.assignSub(w, ops.mul(grad, lr));
 */
export function assignSub<T extends Tensor>(variable: T, value: Tensor | TensorLike): T {
  checkArity(arguments.length, 2, 'assignSub');
  return update('assignSub', 'sub', variable, value);
}

function update<T extends Tensor>(op: string, binary: 'add' | 'sub', variable: T, value: Tensor | TensorLike): T {
  const v = prepare(op, variable, value, false);
  let next: Tensor;
  try {
    next = runKernel('Binary', [variable, v], { op: binary });
  } finally {
    if (v !== value) v.dispose();
  }
  adoptData(variable, next);
  return variable;
}
