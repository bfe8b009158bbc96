/**
 * Fan-in/fan-out and gains, as MindSpore computes them (`_calculate_fan_in_and_fan_out`,
 * `_calculate_correct_fan`, `_calculate_gain` in mindspore/python/mindspore/common/initializer.py).
 */
import { validateShape } from '@mindts/tensor/backend';

/**
 * Which fan He initializers scale by: `fan_in` keeps the forward pass's variance, `fan_out` the backward's.
 * @example
 * const mode: FanMode = 'fan_out';
 * calculateCorrectFan([64, 32], mode); // 64
 * initializer(new HeNormal({ mode }), [64, 32]);
 */
export type FanMode = 'fan_in' | 'fan_out';

/**
 * The nonlinearities {@link calculateGain} knows.
 * @example
 * const nonlinearity: Nonlinearity = 'tanh';
 * calculateGain(nonlinearity); // 1.6666666666666667
 */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu';

const LINEAR_FNS: readonly string[] = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];
const NONLINEARITIES: readonly string[] = [...LINEAR_FNS, 'sigmoid', 'tanh', 'relu', 'leaky_relu'];

/**
 * `[fanIn, fanOut]` of a weight shape: a dense weight `[out, in]` gives `[in, out]`; a conv weight
 * `[out, in, ...kernel]` multiplies both by the receptive field size (the product of the kernel
 * dimensions). Fewer than 2 dimensions is an error, as in MindSpore.
 * @example
 * calculateFanInAndFanOut([64, 32]); // [32, 64]
 * calculateFanInAndFanOut([16, 3, 5, 5]); // [75, 400]
 */
export function calculateFanInAndFanOut(shape: readonly number[]): [fanIn: number, fanOut: number] {
  shape = validateShape(shape, 'calculateFanInAndFanOut: shape');
  const dimensions = shape.length;
  if (dimensions < 2) {
    // MindSpore: "'fan_in' and 'fan_out' can not be computed for tensor with fewer than 2 dimensions, but got dimensions {}."
    throw new RangeError(
      `'fan_in' and 'fan_out' can not be computed for tensor with fewer than 2 dimensions, but got dimensions ${dimensions}.`,
    );
  }
  let receptiveFieldSize = 1;
  for (let i = 2; i < dimensions; i++) receptiveFieldSize *= shape[i] as number;
  return [(shape[1] as number) * receptiveFieldSize, (shape[0] as number) * receptiveFieldSize];
}

/**
 * Normalises a fan mode (MindSpore lowercases it) or throws MindSpore's error.
 * @example
 * checkFanMode('FAN_OUT'); // 'fan_out'
 */
export function checkFanMode(mode: unknown): FanMode {
  const m = typeof mode === 'string' ? mode.toLowerCase() : mode;
  if (m !== 'fan_in' && m !== 'fan_out') {
    // MindSpore: "'mode' {} not supported, please use one of {}"
    throw new RangeError(`'mode' ${String(mode)} not supported, please use one of ['fan_in', 'fan_out'].`);
  }
  return m;
}

/**
 * The fan `mode` selects (case-insensitive, as MindSpore lowercases it).
 * @example
 * calculateCorrectFan([64, 32], 'fan_out'); // 64
 */
export function calculateCorrectFan(shape: readonly number[], mode: FanMode): number {
  const m = checkFanMode(mode);
  const [fanIn, fanOut] = calculateFanInAndFanOut(shape);
  return m === 'fan_in' ? fanIn : fanOut;
}

/**
 * The recommended gain for a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for relu,
 * √(2 / (1 + slope²)) for leaky_relu (slope `param`, default 0.01).
 *
 * `initializer` names the class in error messages; MindSpore always says 'HeUniform', even for
 * HeNormal, and leaves the linear names out of its list; here both are corrected.
 * @example
 * calculateGain('relu'); // 1.4142135623730951
 * calculateGain('leaky_relu', 0.2); // 1.3867504905630728
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number, initializer = 'HeUniform'): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5 / 3;
  if (nonlinearity === 'relu') return Math.SQRT2;
  if (nonlinearity === 'leaky_relu') {
    if (param !== undefined && (typeof param !== 'number' || !Number.isFinite(param))) {
      throw new TypeError(
        `For '${initializer}', 'negative_slope' ${String(param)} is not a valid number. When 'nonlinearity' has been set to ` +
          `'leaky_relu', 'negative_slope' should be int or float type, but got ${typeof param}.`,
      );
    }
    const negativeSlope = param ?? 0.01;
    return Math.sqrt(2 / (1 + negativeSlope ** 2));
  }
  throw new RangeError(
    `For '${initializer}', the argument 'nonlinearity' should be one of [${NONLINEARITIES.map((n) => `'${n}'`).join(', ')}], ` +
      `but got ${String(nonlinearity)}.`,
  );
}
