/**
 * How ops take their operands: Tensors and plain JS numbers, with MindSpore's implicit type
 * conversion between them, and the checks every op shares.
 */
import { type DType, isFloat, promoteTypes, Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';

/**
 * A Tensor, or a JS number or boolean that stands for a scalar tensor.
 * @example
 * const y = ops.mul(x, 2); // 2 is a TensorOrNumber
 */
export type TensorOrNumber = Tensor | number | boolean;

/** A short description of any value for error messages: `float32 Tensor of shape [2, 3]`, `string "a"`. */
export function describe(x: unknown): string {
  if (x instanceof Tensor) return x.isDisposed ? 'a disposed Tensor' : `a ${x.dtype} Tensor of shape [${x.shape.join(', ')}]`;
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === 'string') return `string ${JSON.stringify(x)}`;
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return `${typeof x} ${String(x)}`;
}

/** Throws a TypeError naming `op` and `arg` unless `x` is a Tensor. */
export function checkTensor<T extends Tensor = Tensor>(x: unknown, op: string, arg: string): T {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: ${arg} must be a Tensor, but got ${describe(x)}.`);
  return x as T;
}

/** Throws a TypeError naming `op` and `arg` unless `x` is a Tensor, a number or a boolean. */
export function checkOperand(x: unknown, op: string, arg: string): TensorOrNumber {
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean') return x;
  throw new TypeError(`${op}: ${arg} must be a Tensor or a number, but got ${describe(x)}.`);
}

/** Throws a RangeError unless `x` is an integer at least `min`. */
export function checkInt(x: unknown, op: string, arg: string, min = 0): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    throw new RangeError(`${op}: ${arg} must be an integer >= ${min}, but got ${describe(x)}.`);
  }
  return x;
}

/**
 * The dtype a tensor of `dtype` and a JS scalar compute in (MindSpore's scalar rule): an
 * integer keeps the tensor's dtype (a bool tensor becomes int32), a fractional number needs a
 * float (float32 unless the tensor is already float), a boolean keeps the tensor's dtype.
 */
export function scalarResultDType(dtype: DType, value: number | boolean): DType {
  if (typeof value === 'boolean') return dtype;
  if (Number.isInteger(value)) return dtype === 'bool' ? 'int32' : dtype;
  return isFloat(dtype) ? dtype : 'float32';
}

/**
 * The dtype two operands compute in: the promoted dtype of two tensors, or the scalar rule for
 * a tensor and a number. Two numbers are refused, as in MindSpore: an op needs a Tensor.
 */
export function resultDType(a: TensorOrNumber, b: TensorOrNumber, op: string, names: readonly [string, string]): DType {
  if (a instanceof Tensor && b instanceof Tensor) return promoteTypes(a.dtype, b.dtype);
  if (a instanceof Tensor) return scalarResultDType(a.dtype, b as number | boolean);
  if (b instanceof Tensor) return scalarResultDType(b.dtype, a as number | boolean);
  throw new TypeError(`${op}: at least one of ${names[0]} and ${names[1]} must be a Tensor, but got ${describe(a)} and ${describe(b)}.`);
}

/** A scalar tensor of `dtype` holding `value`. */
export function scalar(value: number | boolean, dtype: DType): Tensor {
  return runKernel('Fill', [], { shape: [], dtype, value: Number(value) });
}

/**
 * `x` as a tensor of `dtype`: `x` itself when it already is one, else a cast copy or a filled
 * scalar, which the caller owns (call inside `tidy`, or dispose it when `!== x`).
 */
export function toDType(x: TensorOrNumber, dtype: DType): Tensor {
  if (x instanceof Tensor) return x.dtype === dtype ? x : runKernel('Cast', [x], { dtype });
  return scalar(x, dtype);
}

/** A copy of `x` (kernels are pure, so ops never hand back their input). */
export function copy<T extends Tensor>(x: T, shape: readonly number[] = x.shape): T {
  return runKernel('Reshape', [x], { shape }) as T;
}

/** Disposes `t` unless it is one of the caller's inputs. */
export function disposeTemp(t: Tensor, ...inputs: readonly unknown[]): void {
  if (!inputs.includes(t)) t.dispose();
}

/**
 * Integer index tensor `t` as the int32 indices kernels take, checked against an axis of size
 * `dim` first when a cast could change a value: int64 indices are read back and must lie in
 * `[-dim, dim)` (a cast to int32 would wrap `2 ** 32` to 0 and pick a wrong row silently).
 * int32 and narrower indices are passed on as they are, and the kernels range-check them.
 * The caller owns the result when it is not `t` (call inside `tidy`).
 */
export function int32Indices(t: Tensor, dim: number, op: string, arg: string): Tensor {
  if (t.dtype === 'int64') {
    const values = t.dataSync() as ArrayLike<number>;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!(v >= -dim && v < dim)) {
        throw new RangeError(
          `${op}: ${arg} holds ${v} (element ${i}), which is out of range for an axis of size ${dim}; indices must lie in [${-dim}, ${dim}).`,
        );
      }
    }
  }
  return toDType(t, 'int32');
}

/**
 * `list` as an array of Tensors, each checked by index: a hole (`[w, , w]`) is reported as
 * `undefined` at its index like any other non-Tensor (`Array.prototype.map` would skip it).
 */
export function checkTensorList(list: unknown, op: string, arg: string): Tensor[] {
  if (!Array.isArray(list)) throw new TypeError(`${op}: ${arg} must be an array of Tensors, but got ${describe(list)}.`);
  const out: Tensor[] = [];
  for (let i = 0; i < list.length; i++) out.push(checkTensor(list[i], op, `${arg}[${i}]`));
  return out;
}
