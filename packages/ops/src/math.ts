/**
 * Transcendental elementwise functions (the float ops of the `Unary` primitive). Integer and
 * bool inputs compute in float32.
 */
import { checkArity, type Tensor } from '@mindts/tensor';
import { unaryOp } from './unary.js';

/**
 * `e ** input` elementwise.
 * @example
 * ops.exp(tensor([0, 1])); // float32 [1, 2.718…]
 */
export function exp(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'exp');
  return unaryOp('exp', 'exp', input, 'float');
}

/**
 * `e ** input - 1`, accurate near 0.
 * @example
 * ops.expm1(tensor([1e-10])); // float32 [1e-10]
 */
export function expm1(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'expm1');
  return unaryOp('expm1', 'expm1', input, 'float');
}

/**
 * Natural logarithm elementwise.
 * @example
 * ops.log(tensor([1, Math.E])); // float32 [0, 1]
 */
export function log(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'log');
  return unaryOp('log', 'log', input, 'float');
}

/**
 * `log(1 + input)`, accurate near 0.
 * @example
 * ops.log1p(tensor([0])); // float32 [0]
 */
export function log1p(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'log1p');
  return unaryOp('log1p', 'log1p', input, 'float');
}

/**
 * Square root elementwise.
 * @example
 * ops.sqrt(tensor([4, 9])); // float32 [2, 3]
 */
export function sqrt(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'sqrt');
  return unaryOp('sqrt', 'sqrt', input, 'float');
}

/**
 * `1 / sqrt(input)` elementwise.
 * @example
 * ops.rsqrt(tensor([4])); // float32 [0.5]
 */
export function rsqrt(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'rsqrt');
  return unaryOp('rsqrt', 'rsqrt', input, 'float');
}

/**
 * `1 / input` elementwise.
 * @example
 * ops.reciprocal(tensor([2, 4])); // float32 [0.5, 0.25]
 */
export function reciprocal(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'reciprocal');
  return unaryOp('reciprocal', 'reciprocal', input, 'float');
}

/**
 * Sine (radians) elementwise.
 * @example
 * ops.sin(tensor([0])); // float32 [0]
 */
export function sin(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'sin');
  return unaryOp('sin', 'sin', input, 'float');
}

/**
 * Cosine (radians) elementwise.
 * @example
 * ops.cos(tensor([0])); // float32 [1]
 */
export function cos(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'cos');
  return unaryOp('cos', 'cos', input, 'float');
}

/**
 * Tangent (radians) elementwise.
 * @example
 * ops.tan(tensor([0])); // float32 [0]
 */
export function tan(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'tan');
  return unaryOp('tan', 'tan', input, 'float');
}

/**
 * Hyperbolic tangent elementwise.
 * @example
 * ops.tanh(tensor([0])); // float32 [0]
 */
export function tanh(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'tanh');
  return unaryOp('tanh', 'tanh', input, 'float');
}

/**
 * The Gauss error function elementwise.
 * @example
 * ops.erf(tensor([0])); // float32 [0]
 */
export function erf(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'erf');
  return unaryOp('erf', 'erf', input, 'float');
}
