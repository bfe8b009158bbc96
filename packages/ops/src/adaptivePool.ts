/**
 * Adaptive average pooling: each output cell averages its bin of the input, bins running from
 * `floor(i·H / out)` to `ceil((i + 1)·H / out)` (PyTorch's and MindSpore's edges). The bins are
 * rectangles, so the average is separable: `P_h · x · P_wᵀ` with row-averaging matrices, two
 * matmuls whose gradients come from autograd.
 */
import { type DType, isFloat, type Tensor, tensor, tidy } from '@mindts/tensor';
import { shapeString, validateShape } from '@mindts/tensor/backend';
import { matmul } from './matmul.js';
import { checkTensor, describe, toDType } from './operand.js';
import { reshape } from './shape/reshape.js';

/** `[out, size]`: row i averages the input cells of bin i. */
function binMatrix(size: number, out: number, dtype: DType): Tensor {
  const m = new Array<number>(out * size).fill(0);
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * size) / out);
    const end = Math.ceil(((i + 1) * size) / out);
    for (let j = start; j < end; j++) m[i * size + j] = 1 / (end - start);
  }
  return reshape(tensor(m, dtype), [out, size]);
}

/**
 * The average of each adaptive bin of `input` `[N, C, H, W]` or `[C, H, W]` (MindSpore
 * `ops.adaptive_avg_pool2d`): `outputSize` is `n` or `[h, w]`, where `null` keeps that input size.
 * Integer inputs average in float32.
 * @example
 * ops.adaptiveAvgPool2d(ones([1, 3, 7, 5]), [3, null]).shape; // [1, 3, 3, 5]
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: number | readonly [number | null, number | null]): Tensor {
  checkTensor(input, 'adaptiveAvgPool2d', 'input');
  if (input.rank !== 3 && input.rank !== 4) {
    throw new RangeError(`adaptiveAvgPool2d: input must be 3-D [C, H, W] or 4-D [N, C, H, W], but got shape ${shapeString(input.shape)}.`);
  }
  if (input.dtype === 'bool') throw new TypeError('adaptiveAvgPool2d: input must be numeric, but got bool.');
  const [h, w] = input.shape.slice(-2) as [number, number];
  const sizes = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  const ok = (v: unknown) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1);
  if (!Array.isArray(sizes) || sizes.length !== 2 || !sizes.every(ok)) {
    throw new RangeError(
      `adaptiveAvgPool2d: outputSize must be an integer >= 1 or a pair of them (null keeps the input size), but got ${Array.isArray(outputSize) ? JSON.stringify(outputSize) : describe(outputSize)}.`,
    );
  }
  const [oh, ow] = [sizes[0] ?? h, sizes[1] ?? w];
  // Sizes are checked before the bin matrices are built: an outputSize of 2 ** 31 fails at once.
  validateShape([...input.shape.slice(0, -2), oh, ow], 'adaptiveAvgPool2d: the result shape');
  validateShape([oh, h], 'adaptiveAvgPool2d: the row bin matrix (outputSize[0] × input height)');
  validateShape([ow, w], 'adaptiveAvgPool2d: the column bin matrix (outputSize[1] × input width)');
  const dtype = isFloat(input.dtype) ? input.dtype : 'float32';
  return tidy(() => {
    const x = toDType(input, dtype);
    const rows = matmul(binMatrix(h, oh, dtype), x);
    return matmul(rows, binMatrix(w, ow, dtype), { transposeB: true });
  });
}
