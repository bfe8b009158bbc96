/**
 * Lower and upper triangles of the last two dimensions (a constant mask and `Where`).
 */
import { checkArity, type Tensor, tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { checkTensor, describe, scalar } from '../operand.js';

function triangle(name: 'tril' | 'triu', input: Tensor, diagonal: number): Tensor {
  checkTensor(input, name, 'input');
  if (input.rank < 2) {
    throw new RangeError(`${name}: input must have at least 2 dimensions, but got shape [${input.shape.join(', ')}].`);
  }
  if (typeof diagonal !== 'number' || !Number.isInteger(diagonal)) {
    throw new TypeError(`${name}: diagonal must be an integer, but got ${describe(diagonal)}.`);
  }
  const rows = input.shape[input.rank - 2] as number;
  const cols = input.shape[input.rank - 1] as number;
  const keep = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) keep[i * cols + j] = (name === 'tril' ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  }
  return tidy(() => runKernel('Where', [tensor(keep, 'bool', [rows, cols]), input, scalar(0, input.dtype)], {}));
}

/**
 * The lower triangle of the last two dimensions of `input`: elements with column − row ≤
 * `diagonal` are kept, the rest set to 0 (MindSpore `ops.tril`). `diagonal` 0 is the main
 * diagonal, positive above it, negative below it.
 * @example
 * ops.tril(ones([3, 3])); // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * ops.tril(ones([2, 3]), 1); // [[1, 1, 0], [1, 1, 1]]
 */
export function tril(input: Tensor, diagonal = 0): Tensor {
  checkArity(arguments.length, 2, 'tril');
  return triangle('tril', input, diagonal);
}

/**
 * The upper triangle of the last two dimensions of `input`: elements with column − row ≥
 * `diagonal` are kept, the rest set to 0 (MindSpore `ops.triu`). The causal attention mask of a
 * Transformer decoder is `triu(full([n, n], -Infinity), 1)`.
 * @example
 * ops.triu(ones([3, 3])); // [[1, 1, 1], [0, 1, 1], [0, 0, 1]]
 * ops.triu(ones([3, 3]), 1); // [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 */
export function triu(input: Tensor, diagonal = 0): Tensor {
  checkArity(arguments.length, 2, 'triu');
  return triangle('triu', input, diagonal);
}
