/**
 * `Orthogonal`: a (semi-)orthogonal matrix from the QR factorisation of a normal matrix.
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, leadingOption } from './checks.js';
import { normalValues } from './draws.js';
import { orthonormalColumns } from './qr.js';

/**
 * Options of {@link Orthogonal}.
 * @example
 * initializer(new Orthogonal({ gain: 2 }), [4, 4]);
 */
export interface OrthogonalOptions extends InitializerOptions {
  /** An optional scaling factor (default 1). */
  gain?: number;
}

const ORTHOGONAL_KEYS: OptionKeys<OrthogonalOptions> = { seed: true, gain: true };

/**
 * A (semi-)orthogonal matrix, times `gain` (MindSpore's `Orthogonal(gain=1.)`; name 'orthogonal').
 * The shape is viewed as `[rows, cols]` with cols the product of the trailing dimensions; a
 * standard normal matrix of that shape (transposed when rows < cols) is factored by QR, Q's columns
 * take the signs of R's diagonal, and the result has orthonormal columns (rows >= cols) or
 * orthonormal rows (rows < cols).
 * @example
 * initializer(new Orthogonal({ gain: 2 }), [2, 3, 4]);
 * initializer('orthogonal', [64, 64]);
 */
export class Orthogonal extends Initializer {
  readonly gain: number;

  /**
   * `new Orthogonal(options?)`, or MindSpore's positional form `new Orthogonal(gain, options?)`.
   */
  constructor(options?: OrthogonalOptions);
  constructor(gain: number, options?: Omit<OrthogonalOptions, 'gain'>);
  constructor(first?: number | OrthogonalOptions, second?: OrthogonalOptions) {
    const options = leadingOption<OrthogonalOptions>(first, second, arguments.length, 'Orthogonal', ORTHOGONAL_KEYS, 'gain');
    super(options);
    this.gain = checkNumber(options.gain ?? 1, 'Orthogonal', 'gain');
  }

  override checkShape(shape: readonly number[]): void {
    if (shape.length < 2) {
      // MindSpore: 'For Orthogonal initializer, the dimension of the initialized tensor should be no less than 2, but got {}.'
      throw new RangeError(
        `For Orthogonal initializer, the dimension of the initialized tensor should be no less than 2, but got ${shape.length}.`,
      );
    }
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    this.checkShape(shape);
    const size = sizeOf(shape);
    if (size === 0) return new Float64Array(0);
    const rows = shape[0] as number;
    const cols = size / rows;
    const data = normalValues(size, key, 0, 1);
    if (rows >= cols) return scale(orthonormalColumns(data, rows, cols), this.gain);
    const q = orthonormalColumns(transpose(data, rows, cols), cols, rows);
    return scale(transpose(q, cols, rows), this.gain);
  }
}

function transpose(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j] as number;
  return out;
}

function scale(x: Float64Array, gain: number): Float64Array {
  if (gain !== 1) for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * gain;
  return x;
}
