/**
 * Running sums and products along an axis (the `Cumulative` primitive).
 */
import { checkArity, checkOptions, type DType, isDType, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe, toDType } from '../operand.js';

/**
 * Options of {@link cumsum} and {@link cumprod}.
 * @example
 * ops.cumsum(x, 0, { dtype: 'float32' });
 */
export interface CumulativeOptions {
  /** Cast the input to this dtype first, against overflow (default: the input's; bool becomes int32). */
  dtype?: DType;
}

const KEYS: OptionKeys<CumulativeOptions> = { dtype: true };

function cumulative(op: 'sum' | 'prod', name: string, input: Tensor, axis: number, options: CumulativeOptions | undefined): Tensor {
  checkTensor(input, name, 'input');
  const { dtype } = checkOptions<CumulativeOptions>(options, name, KEYS);
  if (dtype !== undefined && (!isDType(dtype) || dtype === 'bool')) {
    throw new TypeError(`${name}: dtype must be a numeric dtype, but got ${describe(dtype)}.`);
  }
  const ax = normalizeAxisOf(axis, input.rank, name);
  const to = dtype ?? (input.dtype === 'bool' ? 'int32' : input.dtype);
  return tidy(() => runKernel('Cumulative', [toDType(input, to)], { op, axis: ax, reverse: false }));
}

/**
 * The cumulative sum of `input` along `axis`: y_i = x_1 + … + x_i (MindSpore `ops.cumsum`).
 * Bool input sums as int32. Its gradient is the cumulative sum of the output gradient taken
 * from the other end.
 * @example
 * ops.cumsum(tensor([[1, 2, 3], [4, 5, 6]]), 1); // int32 [[1, 3, 6], [4, 9, 15]]
 * ops.cumsum(tensor([1, 2, 3], 'int8'), 0, { dtype: 'float32' }); // float32 [1, 3, 6]
 */
export function cumsum(input: Tensor, axis: number, options?: CumulativeOptions): Tensor {
  checkArity(arguments.length, 3, 'cumsum');
  return cumulative('sum', 'cumsum', input, axis, options);
}

/**
 * The cumulative product of `input` along `dim`: y_i = x_1 · … · x_i (MindSpore `ops.cumprod`).
 * Its gradient is exact with zeros in the input (as PyTorch's).
 * @example
 * ops.cumprod(tensor([1, 2, 3, 4], 'float32'), 0); // float32 [1, 2, 6, 24]
 */
export function cumprod(input: Tensor, dim: number, options?: CumulativeOptions): Tensor {
  checkArity(arguments.length, 3, 'cumprod');
  return cumulative('prod', 'cumprod', input, dim, options);
}
