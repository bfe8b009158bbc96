/**
 * Elementwise functions of one tensor (the `Unary` primitive) that keep integer dtypes, and the
 * shared helper every unary op goes through.
 */
import { checkArity, type DType, isFloat, type Tensor } from '@mindts/tensor';
import { runKernel, type UnaryOp } from '@mindts/tensor/backend';
import { checkTensor, copy, disposeTemp, toDType } from './operand.js';

/**
 * How a unary op treats dtypes: `'float'` computes integer and bool inputs in float32 (exp,
 * log, …); `'numeric'` keeps numeric dtypes and computes bool in int32 (neg, abs, …);
 * `'any'` takes every dtype as is (isNaN, …).
 */
export type UnaryDTypeRule = 'float' | 'numeric' | 'any';

function computeDType(dtype: DType, rule: UnaryDTypeRule): DType {
  if (rule === 'float') return isFloat(dtype) ? dtype : 'float32';
  if (rule === 'numeric') return dtype === 'bool' ? 'int32' : dtype;
  return dtype;
}

/** Checks `x`, applies the dtype rule and runs the Unary primitive `op`. */
export function unaryOp(op: UnaryOp, name: string, x: Tensor, rule: UnaryDTypeRule): Tensor {
  checkTensor(x, name, 'input');
  const input = toDType(x, computeDType(x.dtype, rule));
  try {
    return runKernel('Unary', [input], { op });
  } finally {
    disposeTemp(input, x);
  }
}

/** Rounding ops are the identity on integers and bools; only floats reach the kernel. */
function rounding(op: UnaryOp, x: Tensor): Tensor {
  checkTensor(x, op, 'input');
  return isFloat(x.dtype) ? runKernel('Unary', [x], { op }) : copy(x);
}

/**
 * `-input` elementwise (bool computes in int32).
 * @example
 * ops.neg(tensor([1, -2])); // int32 [-1, 2]
 */
export function neg(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'neg');
  return unaryOp('neg', 'neg', input, 'numeric');
}

/**
 * `|input|` elementwise.
 * @example
 * ops.abs(tensor([-1.5, 2])); // float32 [1.5, 2]
 */
export function abs(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'abs');
  return unaryOp('abs', 'abs', input, 'numeric');
}

/**
 * -1, 0 or 1 by the sign of each element.
 * @example
 * ops.sign(tensor([-3, 0, 2])); // int32 [-1, 0, 1]
 */
export function sign(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'sign');
  return unaryOp('sign', 'sign', input, 'numeric');
}

/**
 * `input * input` elementwise.
 * @example
 * ops.square(tensor([2, -3])); // int32 [4, 9]
 */
export function square(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'square');
  return unaryOp('square', 'square', input, 'numeric');
}

/**
 * Rounds down to an integral value (integers are returned unchanged, as a copy).
 * @example
 * ops.floor(tensor([1.5, -1.5])); // float32 [1, -2]
 */
export function floor(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'floor');
  return rounding('floor', input);
}

/**
 * Rounds up to an integral value.
 * @example
 * ops.ceil(tensor([1.5, -1.5])); // float32 [2, -1]
 */
export function ceil(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'ceil');
  return rounding('ceil', input);
}

/**
 * Rounds to the nearest integral value, halves to even (as MindSpore and NumPy).
 * @example
 * ops.round(tensor([0.5, 1.5, 2.4])); // float32 [0, 2, 2]
 */
export function round(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'round');
  return rounding('round', input);
}

/**
 * Whether each element is NaN.
 * @example
 * ops.isNaN(tensor([1, NaN])); // bool [false, true]
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name of the primitive op; users call it as ops.isNaN.
export function isNaN(input: Tensor): Tensor<'bool'> {
  checkArity(arguments.length, 1, 'isNaN');
  return unaryOp('isNaN', 'isNaN', input, 'any') as Tensor<'bool'>;
}

/**
 * Whether each element is finite (neither infinite nor NaN).
 * @example
 * ops.isFinite(tensor([1, Infinity, NaN])); // bool [true, false, false]
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name of the primitive op; users call it as ops.isFinite.
export function isFinite(input: Tensor): Tensor<'bool'> {
  checkArity(arguments.length, 1, 'isFinite');
  return unaryOp('isFinite', 'isFinite', input, 'any') as Tensor<'bool'>;
}
