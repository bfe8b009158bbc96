/**
 * Resizing the spatial dimensions (nearest, linear, bilinear, trilinear), one axis at a time:
 * `Gather` at host-computed source indices, and for the linear modes a blend of two gathers
 * with host-computed weights (linear interpolation is separable, so per axis is exact).
 */
import { checkArity, checkOptions, isFloat, type OptionKeys, type Tensor, tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { checkTensor, describe } from '../operand.js';

/**
 * Options of {@link interpolate}.
 * @example
 * ops.interpolate(x, { size: [64, 64], mode: 'bilinear', alignCorners: false });
 */
export interface InterpolateOptions {
  /** The output's spatial size: one number for every spatial dimension or one each. */
  size?: number | readonly number[];
  /** Multiplier of the spatial size (floored): one number or one each. Give `size` or this. */
  scaleFactor?: number | readonly number[];
  /** `'nearest'` (default; 3-, 4- or 5-D), `'linear'` (3-D), `'bilinear'` (4-D), `'trilinear'` (5-D). */
  mode?: 'nearest' | 'linear' | 'bilinear' | 'trilinear';
  /** Linear modes: map the corner pixels' centres onto each other (default false). */
  alignCorners?: boolean;
  /** With `scaleFactor`: place samples by the resulting size's ratio instead of 1 / scaleFactor (default false). */
  recomputeScaleFactor?: boolean;
}

const KEYS: OptionKeys<InterpolateOptions> = { size: true, scaleFactor: true, mode: true, alignCorners: true, recomputeScaleFactor: true };
const LINEAR_RANK: Record<string, number> = { linear: 3, bilinear: 4, trilinear: 5 };

function perAxis(value: number | readonly number[], count: number, name: string, ok: (v: unknown) => boolean): number[] {
  const list = typeof value === 'number' ? new Array<number>(count).fill(value) : value;
  if (!Array.isArray(list) || list.length !== count || !list.every(ok)) {
    throw new RangeError(
      `interpolate: ${name} must be one value or ${count} (one per spatial dimension), each valid, but got ${describe(value)}${Array.isArray(value) ? ` [${value.join(', ')}]` : ''}.`,
    );
  }
  return [...list];
}

/**
 * `input` (N, C, [D, [H,]] W) resized over its spatial dimensions to `size`, or by
 * `scaleFactor` (MindSpore 2.x `ops.interpolate`, PyTorch `F.interpolate`). `'nearest'` takes
 * source index ⌊dst·scale⌋; the linear modes sample at (dst + 0.5)·scale − 0.5 (clamped at 0),
 * or with `alignCorners` at dst·(in − 1)/(out − 1). scale is in/out, or 1/scaleFactor when a
 * scale factor is given (unless `recomputeScaleFactor`). Differentiable in the input.
 * @example
 * ops.interpolate(tensor([[[1, 2]]], 'float32'), { scaleFactor: 2 }); // [[[1, 1, 2, 2]]]
 * ops.interpolate(tensor([[[1, 2]]], 'float32'), { size: 4, mode: 'linear', alignCorners: true }); // [[[1, 1.333, 1.667, 2]]]
 */
export function interpolate(input: Tensor, options?: InterpolateOptions): Tensor {
  checkArity(arguments.length, 2, 'interpolate');
  const o = checkOptions<InterpolateOptions>(options, 'interpolate', KEYS);
  const { mode = 'nearest', alignCorners, recomputeScaleFactor = false } = o;
  checkTensor(input, 'interpolate', 'input');
  if (!isFloat(input.dtype)) throw new TypeError(`interpolate: input must be a float Tensor, but got ${input.dtype}.`);
  if (input.rank < 3 || input.rank > 5) {
    throw new RangeError(`interpolate: input must be 3-, 4- or 5-D (N, C, [D, [H,]] W), but got shape [${input.shape.join(', ')}].`);
  }
  if (mode !== 'nearest' && LINEAR_RANK[mode] === undefined) {
    throw new RangeError(`interpolate: mode must be 'nearest', 'linear', 'bilinear' or 'trilinear', but got ${describe(mode)}.`);
  }
  if (mode !== 'nearest' && LINEAR_RANK[mode] !== input.rank) {
    throw new RangeError(`interpolate: mode '${mode}' takes a ${LINEAR_RANK[mode]}-D input, but got shape [${input.shape.join(', ')}].`);
  }
  if (alignCorners !== undefined && alignCorners !== null) {
    if (typeof alignCorners !== 'boolean')
      throw new TypeError(`interpolate: alignCorners must be a boolean, but got ${describe(alignCorners)}.`);
    if (mode === 'nearest') throw new TypeError("interpolate: alignCorners only applies to the linear modes, not 'nearest'.");
  }
  if (typeof recomputeScaleFactor !== 'boolean') {
    throw new TypeError(`interpolate: recomputeScaleFactor must be a boolean, but got ${describe(recomputeScaleFactor)}.`);
  }
  if ((o.size === undefined) === (o.scaleFactor === undefined)) {
    throw new TypeError('interpolate: give exactly one of size and scaleFactor.');
  }
  const spatial = input.rank - 2;
  const inSizes = input.shape.slice(2);
  const outSizes =
    o.size !== undefined
      ? perAxis(o.size, spatial, 'size', (v) => typeof v === 'number' && Number.isInteger(v) && v > 0)
      : perAxis(
          o.scaleFactor as number | number[],
          spatial,
          'scaleFactor',
          (v) => typeof v === 'number' && v > 0 && Number.isFinite(v),
        ).map((f, i) => Math.floor((inSizes[i] as number) * f));
  const factors = o.scaleFactor !== undefined ? perAxis(o.scaleFactor, spatial, 'scaleFactor', () => true) : undefined;
  if (outSizes.some((s) => s <= 0)) throw new RangeError(`interpolate: the output size [${outSizes.join(', ')}] must be positive.`);
  if (inSizes.some((s) => s === 0)) throw new RangeError(`interpolate: the input's spatial size [${inSizes.join(', ')}] must be positive.`);
  return tidy(() => {
    let x = input;
    for (let k = 0; k < spatial; k++) {
      const axis = k + 2;
      const [n, m] = [inSizes[k] as number, outSizes[k] as number];
      const scale = factors && !recomputeScaleFactor ? 1 / (factors[k] as number) : n / m;
      if (mode === 'nearest') {
        const idx = Int32Array.from({ length: m }, (_, d) => Math.min(Math.floor(d * scale), n - 1));
        x = runKernel('Gather', [x, tensor(idx, 'int32')], { axis });
        continue;
      }
      const lo = new Int32Array(m);
      const hi = new Int32Array(m);
      const w = new Float64Array(m);
      for (let d = 0; d < m; d++) {
        const src = alignCorners ? (m > 1 ? (d * (n - 1)) / (m - 1) : 0) : Math.max((d + 0.5) * scale - 0.5, 0);
        lo[d] = Math.min(Math.floor(src), n - 1);
        hi[d] = Math.min((lo[d] as number) + 1, n - 1);
        w[d] = src - (lo[d] as number);
      }
      const a = runKernel('Gather', [x, tensor(lo, 'int32')], { axis });
      const b = runKernel('Gather', [x, tensor(hi, 'int32')], { axis });
      const weights = tensor(
        w,
        input.dtype,
        input.shape.map((_, i) => (i === axis ? m : 1)),
      );
      const diff = runKernel('Binary', [b, a], { op: 'sub' });
      x = runKernel('Binary', [a, runKernel('Binary', [diff, weights], { op: 'mul' })], { op: 'add' });
    }
    return x;
  });
}
