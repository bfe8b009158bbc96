/**
 * Elementwise gathering and scattering along one axis: gatherElements, tensorScatterElements
 * and scatter, lowered to the flat `Gather`/`ScatterAdd` primitives.
 */
import { checkArity, checkOptions, type DType, type NestedArray, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString, shapesEqual } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensor, describe, toDType } from '../operand.js';
import { flatOffsets, flatten1d, indexTensor } from './alongAxis.js';

/**
 * out[i][j][k] = input[index[i][j][k]][j][k] for `dim` 0 (and likewise for other dims): the
 * output has `index`'s shape (MindSpore `ops.gather_elements`, PyTorch `torch.gather`). `index`
 * is an integer Tensor or nested array with input's rank; negative values count from the end.
 * The gradient scatter-adds back to the gathered positions.
 * @example
 * ops.gatherElements(tensor([[1, 2], [3, 4]]), 1, [[0, 0], [1, 0]]); // [[1, 1], [4, 3]]
 */
export function gatherElements<D extends DType>(input: Tensor<D>, dim: number, index: Tensor | NestedArray): Tensor<D> {
  checkArity(arguments.length, 3, 'gatherElements');
  checkTensor(input, 'gatherElements', 'input');
  const ax = normalizeAxisOf(dim, input.rank, 'gatherElements', 'dim');
  const idx = indexTensor(index, input.shape, ax, 'gatherElements', 'index');
  try {
    return tidy(() => {
      const picked = runKernel('Gather', [flatten1d(input), flatOffsets(idx, input.shape, ax)], { axis: 0 });
      return runKernel('Reshape', [picked], { shape: idx.shape });
    }) as Tensor<D>;
  } finally {
    if (idx !== index) idx.dispose();
  }
}

/**
 * Options of {@link tensorScatterElements}.
 * @example
 * ops.tensorScatterElements(x, indices, updates, { axis: 1, reduction: 'add' });
 */
export interface TensorScatterElementsOptions {
  /** The axis `indices` index (default 0). */
  axis?: number;
  /** `'none'` writes the updates (default), `'add'` adds them (repeated indices accumulate). */
  reduction?: 'none' | 'add';
}

const KEYS: OptionKeys<TensorScatterElementsOptions> = { axis: true, reduction: true };

function scatterElements(
  name: string,
  input: Tensor,
  indices: Tensor | NestedArray,
  updates: Tensor,
  axis: number,
  reduction: unknown,
  [indexName, updatesName] = ['indices', 'updates'],
): Tensor {
  checkTensor(input, name, 'input');
  checkTensor(updates, name, updatesName);
  if (reduction !== 'none' && reduction !== 'add') {
    throw new RangeError(`${name}: reduction must be 'none' or 'add', but got ${describe(reduction)}.`);
  }
  const ax = normalizeAxisOf(axis, input.rank, name, 'axis');
  const idx = indexTensor(indices, input.shape, ax, name, indexName);
  try {
    if (!shapesEqual(updates.shape, idx.shape)) {
      throw new RangeError(
        `${name}: ${updatesName} must have the shape of ${indexName} ${shapeString(idx.shape)}, but got ${shapeString(updates.shape)}.`,
      );
    }
    if (ax >= 0 && idx.shape[ax]! > 0 && input.shape[ax] === 0) {
      throw new RangeError(`${name}: axis ${ax} of input is empty; there is nothing to scatter into.`);
    }
    return tidy(() => {
      const flatX = flatten1d(input);
      const offsets = flatOffsets(idx, input.shape, ax);
      const ups = runKernel('Reshape', [toDType(updates, input.dtype)], { shape: idx.shape });
      if (reduction === 'add')
        return runKernel('Reshape', [runKernel('ScatterAdd', [flatX, offsets, ups], { axis: 0 })], { shape: input.shape });
      // 'none': the written positions take the (summed) updates, the rest keep input.
      const zeros = runKernel('Fill', [], { shape: [input.size], dtype: input.dtype, value: 0 });
      const hits = runKernel(
        'ScatterAdd',
        [
          runKernel('Fill', [], { shape: [input.size], dtype: 'int32', value: 0 }),
          offsets,
          runKernel('Fill', [], { shape: idx.shape, dtype: 'int32', value: 1 }),
        ],
        { axis: 0 },
      );
      const written = runKernel('Binary', [hits, runKernel('Fill', [], { shape: [], dtype: 'int32', value: 0 })], { op: 'greater' });
      const out = runKernel('Where', [written, runKernel('ScatterAdd', [zeros, offsets, ups], { axis: 0 }), flatX], {});
      return runKernel('Reshape', [out], { shape: input.shape });
    });
  } finally {
    if (idx !== indices) idx.dispose();
  }
}

/**
 * A copy of `inputX` with `updates` written (`reduction: 'none'`) or added (`'add'`) at
 * `indices` along `axis`: for axis 0, out[indices[i][j]][j] = updates[i][j] (MindSpore
 * `ops.tensor_scatter_elements`). `indices` and `updates` share a shape of input's rank.
 * With `'none'` a position written twice is unspecified in MindSpore; here it takes the sum.
 * Gradients: to `inputX` where nothing was written ('none') or everywhere ('add'); to
 * `updates`, the output gradient gathered at `indices`.
 * @example
 * ops.tensorScatterElements(zeros([2, 3]), [[1, 0, 1]], ones([1, 3]), { axis: 0 }); // [[0, 1, 0], [1, 0, 1]]
 */
export function tensorScatterElements(
  inputX: Tensor,
  indices: Tensor | NestedArray,
  updates: Tensor,
  options?: TensorScatterElementsOptions,
): Tensor {
  checkArity(arguments.length, 4, 'tensorScatterElements');
  const { axis = 0, reduction = 'none' } = checkOptions<TensorScatterElementsOptions>(options, 'tensorScatterElements', KEYS);
  return scatterElements('tensorScatterElements', inputX, indices, updates, axis, reduction);
}

/**
 * `src` written into a copy of `input` at `index` along `axis` (MindSpore 2.x `ops.scatter`,
 * PyTorch `Tensor.scatter`): `tensorScatterElements(input, index, src, { axis })`.
 * @example
 * ops.scatter(zeros([3]), 0, [2, 0], tensor([5, 7], 'float32')); // [7, 0, 5]
 */
export function scatter(input: Tensor, axis: number, index: Tensor | NestedArray, src: Tensor): Tensor {
  checkArity(arguments.length, 4, 'scatter');
  return scatterElements('scatter', input, index, src, axis, 'none', ['index', 'src']);
}
