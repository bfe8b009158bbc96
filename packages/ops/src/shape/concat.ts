/**
 * Joining tensors along an axis (the `Concat` primitive) and stacking them on a new one.
 */
import { checkArity, promoteTypes, type Tensor, tidy } from '@mindts/tensor';
import { runKernel, shapeString } from '@mindts/tensor/backend';
import { normalizeAxisOf } from '../axes.js';
import { checkTensorList, copy, toDType } from '../operand.js';

function checkList(tensors: unknown, op: string): Tensor[] {
  const list = checkTensorList(tensors, op, 'tensors');
  if (list.length === 0) throw new RangeError(`${op}: tensors must hold at least one Tensor, but got an empty array.`);
  return list;
}

/** Runs Concat on tensors already checked, promoting them to one dtype. */
function join(list: readonly Tensor[], axis: number): Tensor {
  const dtype = list.map((t) => t.dtype).reduce(promoteTypes);
  return tidy(() => {
    const inputs = list.map((t) => toDType(t, dtype));
    return inputs.length === 1 ? copy(inputs[0] as Tensor) : runKernel('Concat', inputs, { axis });
  });
}

/**
 * `tensors` joined along `axis` (default 0). They must have the same rank (at least 1) and the
 * same size on every other axis; dtypes promote (MindSpore `ops.cat`/`ops.concat`).
 * @example
 * ops.concat([zeros([2, 3]), zeros([1, 3])]).shape; // [3, 3]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  checkArity(arguments.length, 2, 'concat');
  const list = checkList(tensors, 'concat');
  const first = list[0] as Tensor;
  if (first.rank === 0) throw new RangeError('concat: tensors[0] is a scalar (shape []); a scalar cannot be concatenated, use stack.');
  const ax = normalizeAxisOf(axis, first.rank, 'concat');
  list.forEach((t, i) => {
    const same = t.rank === first.rank && t.shape.every((d, j) => j === ax || d === first.shape[j]);
    if (!same) {
      throw new RangeError(
        `concat: tensors[${i}] has shape ${shapeString(t.shape)} but tensors[0] has shape ${shapeString(first.shape)}; they must match on every axis except axis ${ax}.`,
      );
    }
  });
  return join(list, ax);
}

/**
 * `tensors`, all of one shape, stacked along a new axis `axis` (default 0, in `[-rank-1, rank]`);
 * dtypes promote (MindSpore `ops.stack`).
 * @example
 * ops.stack([zeros([2, 3]), zeros([2, 3])], 1).shape; // [2, 2, 3]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  checkArity(arguments.length, 2, 'stack');
  const list = checkList(tensors, 'stack');
  const first = list[0] as Tensor;
  const ax = normalizeAxisOf(axis, first.rank + 1, 'stack');
  list.forEach((t, i) => {
    if (t.rank !== first.rank || t.shape.some((d, j) => d !== first.shape[j])) {
      throw new RangeError(
        `stack: tensors[${i}] has shape ${shapeString(t.shape)} but tensors[0] has shape ${shapeString(first.shape)}; all must have one shape.`,
      );
    }
  });
  const expanded = [...first.shape.slice(0, ax), 1, ...first.shape.slice(ax)];
  return tidy(() =>
    join(
      list.map((t) => copy(t, expanded)),
      ax,
    ),
  );
}
