/**
 * Activation functions (the `Unary` primitive, and gelu's tanh form composed from it).
 */
import { checkArity, checkOptions, isFloat, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { add, mul } from './binary.js';
import { tanh } from './math.js';
import { checkTensor, describe, toDType } from './operand.js';
import { unaryOp } from './unary.js';

/**
 * `max(input, 0)` elementwise; keeps integer dtypes.
 * @example
 * ops.relu(tensor([-1, 2])); // int32 [0, 2]
 */
export function relu(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'relu');
  return unaryOp('relu', 'relu', input, 'numeric');
}

/**
 * `1 / (1 + exp(-input))` elementwise.
 * @example
 * ops.sigmoid(tensor([0])); // float32 [0.5]
 */
export function sigmoid(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'sigmoid');
  return unaryOp('sigmoid', 'sigmoid', input, 'float');
}

/**
 * `log(1 + exp(input))` elementwise, computed without overflow.
 * @example
 * ops.softplus(tensor([0])); // float32 [0.693…]
 */
export function softplus(input: Tensor): Tensor {
  checkArity(arguments.length, 1, 'softplus');
  return unaryOp('softplus', 'softplus', input, 'float');
}

/**
 * Options of {@link gelu}.
 * @example
 * ops.gelu(x, { approximate: 'tanh' });
 */
export interface GeluOptions {
  /** `'none'` (default): `x·Φ(x)` with the exact normal CDF; `'tanh'`: the tanh approximation. */
  approximate?: 'none' | 'tanh';
}
const GELU_KEYS: OptionKeys<GeluOptions> = { approximate: true };

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * The Gaussian error linear unit, `x·Φ(x)`; `approximate: 'tanh'` uses
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` (MindSpore `ops.gelu`).
 * @example
 * ops.gelu(tensor([1])); // float32 [0.8413…]
 * ops.gelu(tensor([1]), { approximate: 'tanh' }); // float32 [0.8412…]
 */
export function gelu(input: Tensor, options?: GeluOptions): Tensor {
  checkArity(arguments.length, 2, 'gelu');
  checkTensor(input, 'gelu', 'input');
  const { approximate = 'none' } = checkOptions<GeluOptions>(options, 'gelu', GELU_KEYS);
  if (approximate === 'none') return unaryOp('gelu', 'gelu', input, 'float');
  if (approximate !== 'tanh') throw new RangeError(`gelu: approximate must be 'none' or 'tanh', but got ${describe(approximate)}.`);
  return tidy(() => {
    const x = toDType(input, isFloat(input.dtype) ? input.dtype : 'float32');
    const cube = mul(runKernel('Unary', [x], { op: 'square' }), x);
    const inner = mul(add(x, mul(cube, 0.044715)), SQRT_2_OVER_PI);
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  });
}
