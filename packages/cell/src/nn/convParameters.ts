/**
 * The weight and bias of a convolution layer (`Conv1d`, `Conv2d`, `Conv2dTranspose`), with
 * MindSpore's `_Conv` defaults: weight `HeUniform(negative_slope=√5)`, bias
 * `Uniform(1/√fanIn)` of the weight's shape.
 */
import { calculateFanInAndFanOut, HeUniform, type InitLike, initializer, Uniform } from '@mindts/initializer';
import { Parameter } from '@mindts/parameter';
import type { DType } from '@mindts/tensor';

/**
 * What {@link convParameters} makes: the Parameters and the initializers used (for printing).
 * @example
 * const { weight, bias, weightInit, biasInit }: ConvParameters = convParameters([4, 1, 3], 4, true, undefined, undefined, 'float32');
 */
export interface ConvParameters {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly weightInit: InitLike;
  readonly biasInit: InitLike | undefined;
}

/**
 * A convolution's `weight` of `shape` and, with `hasBias`, its `bias` `[outChannels]`. A refused
 * initializer (a bad name, a Tensor of the wrong shape) frees what was already made.
 * @example
 * convParameters([8, 3, 3, 3], 8, false, 'normal', undefined, 'float32').weight.shape; // [8, 3, 3, 3]
 */
export function convParameters(
  shape: readonly number[],
  outChannels: number,
  hasBias: boolean,
  weightInit: InitLike | undefined,
  biasInit: InitLike | undefined,
  dtype: DType,
): ConvParameters {
  const wInit = weightInit ?? new HeUniform({ negativeSlope: Math.sqrt(5) });
  let bInit = biasInit;
  if (hasBias && bInit === undefined) {
    const [fanIn] = calculateFanInAndFanOut(shape);
    bInit = fanIn !== 0 ? new Uniform({ scale: 1 / Math.sqrt(fanIn) }) : 'zeros';
  }
  const weight = new Parameter(initializer(wInit, shape, dtype), 'weight');
  try {
    const bias = hasBias ? new Parameter(initializer(bInit as InitLike, [outChannels], dtype), 'bias') : null;
    return { weight, bias, weightInit: wInit, biasInit: bInit };
  } catch (err) {
    weight.dispose();
    throw err;
  }
}
