/**
 * Input checks of the recurrent layers and cells, in the wording of MindSpore's rnns.py and
 * rnn_cells.py (`_check_is_tensor`, `_check_input_dtype`, `_check_is_tuple`) plus shape checks
 * that name the expected shape.
 */
import { Tensor } from '@mindts/tensor';
import { typeName } from '../../cellState.js';
import { show } from '../checks.js';

/** A float32/float16 Tensor (MindSpore: "the 'x' must be 'Tensor'", then the dtype check). */
export function checkFloatTensor(value: unknown, arg: string, cls: string): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`For '${cls}', the '${arg}' must be 'Tensor', but got '${typeName(value)}'.`);
  if (value.dtype !== 'float32' && value.dtype !== 'float16') {
    throw new TypeError(`For '${cls}', the '${arg}' must be a Tensor of float32 or float16, but got ${value.dtype}.`);
  }
  return value;
}

/** `t.shape` must equal `shape`. */
export function checkShape(t: Tensor, shape: readonly number[], arg: string, cls: string, what: string): void {
  if (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`For '${cls}', the '${arg}' must have shape [${shape.join(', ')}] (${what}), but got [${t.shape.join(', ')}].`);
  }
}

/** An LSTM state: a pair of Tensors (MindSpore: "the 'hx' must be 'Tuple'", "the length of 'hx' must be '2'"). */
export function checkStatePair(value: unknown, arg: string, cls: string): readonly [Tensor, Tensor] {
  if (!Array.isArray(value))
    throw new TypeError(`For '${cls}', the '${arg}' must be a pair [h, c] of Tensors, but got '${typeName(value)}'.`);
  if (value.length !== 2) throw new TypeError(`For '${cls}', the length of '${arg}' must be '2', but got '${value.length}'.`);
  return [checkFloatTensor(value[0], `${arg}[0]`, cls), checkFloatTensor(value[1], `${arg}[1]`, cls)];
}

/** 'tanh' or 'relu' (MindSpore's `check_string`). */
export function checkNonlinearity(value: unknown, cls: string): 'tanh' | 'relu' {
  if (value !== 'tanh' && value !== 'relu') {
    throw new RangeError(`For '${cls}', the 'nonlinearity' must be in ['tanh', 'relu'], but got ${show(value)}.`);
  }
  return value;
}
