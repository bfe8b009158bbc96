/**
 * Layer normalization, functional (the twin of `nn.LayerNorm`), composed from reductions and
 * elementwise ops.
 */
import { checkArity, isFloat, type Tensor, tidy } from '@mindts/tensor';
import { shapeString, shapesEqual } from '@mindts/tensor/backend';
import { add, mul, sub } from '../binary.js';
import { rsqrt } from '../math.js';
import { checkTensor, describe } from '../operand.js';
import { mean } from '../reduce.js';
import { square } from '../unary.js';

/**
 * `input` normalised over its last dimensions `normalizedShape`: (x − mean) / √(var + eps),
 * with the biased variance, then scaled by `weight` and shifted by `bias` (each of shape
 * `normalizedShape`, optional) (MindSpore 2.x `ops.layer_norm`, PyTorch `F.layer_norm`).
 * @example
 * ops.layerNorm(tensor([[1, 2, 3]], 'float32'), [3]); // [[-1.2247, 0, 1.2247]]
 * ops.layerNorm(x, [512], gamma, beta, 1e-6);
 */
export function layerNorm(
  input: Tensor,
  normalizedShape: number | readonly number[],
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): Tensor {
  checkArity(arguments.length, 5, 'layerNorm');
  checkTensor(input, 'layerNorm', 'input');
  if (!isFloat(input.dtype)) throw new TypeError(`layerNorm: input must be a float Tensor, but got ${input.dtype}.`);
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
  const trailing = Array.isArray(shape) ? input.shape.slice(input.rank - shape.length) : [];
  if (!Array.isArray(shape) || shape.length === 0 || shape.length > input.rank || !shapesEqual(trailing, shape)) {
    throw new RangeError(
      `layerNorm: normalizedShape must be input's last dimensions (input ${shapeString(input.shape)}), but got ${Array.isArray(shape) ? shapeString(shape) : describe(normalizedShape)}.`,
    );
  }
  for (const [name, t] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t === undefined || t === null) continue;
    checkTensor(t, 'layerNorm', name);
    if (!shapesEqual(t.shape, shape)) {
      throw new RangeError(`layerNorm: ${name} must have shape normalizedShape ${shapeString(shape)}, but got ${shapeString(t.shape)}.`);
    }
  }
  if (typeof eps !== 'number' || !(eps >= 0)) throw new RangeError(`layerNorm: eps must be a number >= 0, but got ${describe(eps)}.`);
  const axes = shape.map((_, i) => input.rank - shape.length + i);
  return tidy(() => {
    const centered = sub(input, mean(input, axes, true));
    const variance = mean(square(centered), axes, true);
    let y = mul(centered, rsqrt(add(variance, eps)));
    if (weight) y = mul(y, weight);
    if (bias) y = add(y, bias);
    return y;
  });
}
