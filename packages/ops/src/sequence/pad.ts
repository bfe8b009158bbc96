/**
 * Padding (constant, reflect, replicate, circular): a filled tensor with the input written in
 * for constant mode, a `Gather` at computed source indices per padded axis for the others.
 */
import { checkArity, checkOptions, type OptionKeys, type Tensor, tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { checkTensor, describe } from '../operand.js';

/**
 * Options of {@link pad}.
 * @example
 * ops.pad(x, [1, 1], { mode: 'reflect' });
 */
export interface PadOptions {
  /** `'constant'` (default), `'reflect'` (mirror without the edge), `'replicate'` (repeat the edge) or `'circular'` (wrap). */
  mode?: 'constant' | 'reflect' | 'replicate' | 'circular';
  /** The fill value of constant mode (default 0; NaN and ±Infinity are values too; a boolean fills as 1 or 0). */
  value?: number;
}

const KEYS: OptionKeys<PadOptions> = { mode: true, value: true };
const MODES = ['constant', 'reflect', 'replicate', 'circular'];

/** Source index along an axis of size n for output position p − before, by mode. */
function source(mode: string, i: number, n: number): number {
  if (mode === 'replicate') return Math.min(Math.max(i, 0), n - 1);
  if (mode === 'circular') return ((i % n) + n) % n;
  // reflect: mirror about the edges, edges not repeated (padding < n, so one bounce is enough).
  if (i < 0) return -i;
  if (i >= n) return 2 * (n - 1) - i;
  return i;
}

/**
 * `input` padded as `padding` says: pairs (before, after) from the last dimension back, so
 * `[left, right]` pads the last dimension and `[left, right, top, bottom]` the last two
 * (MindSpore `ops.pad`, PyTorch `F.pad`). In constant mode a negative amount crops. Reflect needs
 * each amount below the dimension's size, circular at most its size; both, and replicate, need
 * non-negative amounts and a non-empty dimension. Gradients flow back to the input (summed where
 * an element was copied more than once).
 * @example
 * ops.pad(tensor([[1, 2, 3]], 'float32'), [1, 2]); // [[0, 1, 2, 3, 0, 0]]
 * ops.pad(tensor([[1, 2, 3]], 'float32'), [2, 1], { mode: 'reflect' }); // [[3, 2, 1, 2, 3, 2]]
 * ops.pad(tensor([[1, 2, 3]], 'float32'), [1, 1], { mode: 'replicate' }); // [[1, 1, 2, 3, 3]]
 */
export function pad(input: Tensor, padding: readonly number[], options?: PadOptions): Tensor {
  checkArity(arguments.length, 3, 'pad');
  const { mode = 'constant', value = 0 } = checkOptions<PadOptions>(options, 'pad', KEYS);
  checkTensor(input, 'pad', 'input');
  if (!MODES.includes(mode))
    throw new RangeError(`pad: mode must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, but got ${describe(mode)}.`);
  if (typeof value !== 'number' && typeof value !== 'boolean')
    throw new TypeError(`pad: value must be a number (or a boolean, which fills as 1 or 0), but got ${describe(value)}.`);
  if (mode !== 'constant' && options?.value !== undefined)
    throw new TypeError(`pad: value is only used by mode 'constant', but mode is '${mode}'.`);
  if (
    !Array.isArray(padding) ||
    padding.length % 2 !== 0 ||
    padding.length > 2 * input.rank ||
    !padding.every((p) => Number.isInteger(p))
  ) {
    throw new RangeError(
      `pad: padding must be an array of an even number (at most ${2 * input.rank}, twice input's rank) of integers, but got ${Array.isArray(padding) ? `[${padding.join(', ')}]` : describe(padding)}.`,
    );
  }
  const before = input.shape.map(() => 0);
  const after = input.shape.map(() => 0);
  for (let k = 0; k < padding.length / 2; k++) {
    const axis = input.rank - 1 - k;
    before[axis] = padding[2 * k] as number;
    after[axis] = padding[2 * k + 1] as number;
  }
  const outShape = input.shape.map((d, i) => d + before[i]! + after[i]!);
  if (outShape.some((d) => d < 0)) {
    throw new RangeError(`pad: padding [${padding.join(', ')}] crops more than input's shape ${shapeString(input.shape)} holds.`);
  }
  if (mode !== 'constant') {
    input.shape.forEach((n, axis) => {
      const [b, a] = [before[axis]!, after[axis]!];
      if (b === 0 && a === 0) return;
      const limit = mode === 'reflect' ? n - 1 : mode === 'circular' ? n : Number.POSITIVE_INFINITY;
      if (b < 0 || a < 0 || n === 0 || b > limit || a > limit) {
        throw new RangeError(
          `pad: mode '${mode}' needs padding in [0, ${Number.isFinite(limit) ? limit : 'any'}] on a non-empty axis, but axis ${axis} of size ${n} got (${b}, ${a}).`,
        );
      }
    });
  }
  return tidy(() => {
    if (mode === 'constant') {
      // Crop the negative amounts, then write the rest into a filled tensor.
      const begin = before.map((b) => Math.max(-b, 0));
      const kept = input.shape.map((d, i) => d - begin[i]! - Math.max(-after[i]!, 0));
      let x = input;
      if (begin.some((b) => b > 0) || kept.some((d, i) => d !== input.shape[i])) {
        x = runKernel('StridedSlice', [input], { begin, size: kept, step: kept.map(() => 1) });
      }
      const filled = runKernel('Fill', [], { shape: outShape, dtype: input.dtype, value: Number(value) });
      if (x.size === 0) return filled;
      const at = before.map((b) => Math.max(b, 0));
      return runKernel('SliceUpdate', [filled, x], { begin: at, size: kept, step: kept.map(() => 1) });
    }
    let x = input;
    input.shape.forEach((n, axis) => {
      const [b, a] = [before[axis]!, after[axis]!];
      if (b === 0 && a === 0) return;
      const idx = Int32Array.from({ length: n + b + a }, (_, p) => source(mode, p - b, n));
      x = runKernel('Gather', [x, tensor(idx, 'int32')], { axis });
    });
    return x === input ? runKernel('Reshape', [input], { shape: input.shape }) : x;
  });
}
