/**
 * `Sparse`: a 2-D normal matrix with a fixed fraction of zeros in every column.
 */
import type { DType, OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions, type RandomKey } from './base.js';
import { checkNumber, checkSigma, leadingOption } from './checks.js';
import { normalValues, randomIndex } from './draws.js';

/**
 * Options of {@link Sparse}.
 * @example
 * initializer(new Sparse({ sparsity: 0.25, sigma: 0.1 }), [4, 3]); // one zero per column
 */
export interface SparseOptions extends InitializerOptions {
  /** The fraction of each column set to zero, in [0, 1]; `ceil(sparsity * rows)` rows per column. */
  sparsity: number;
  /** Standard deviation of the non-zero values (default 0.01). */
  sigma?: number;
}

const SPARSE_KEYS: OptionKeys<SparseOptions> = { seed: true, sparsity: true, sigma: true };

/**
 * Samples N(0, sigma²) and zeroes `ceil(sparsity * rows)` randomly chosen rows in every column
 * (MindSpore's `Sparse(sparsity, sigma=0.01)`; name 'sparse', which, as in MindSpore, cannot be
 * used without a sparsity). Only 2-D tensors.
 * @example
 * initializer(new Sparse({ sparsity: 0.1 }), [5, 8]);
 */
export class Sparse extends Initializer {
  readonly sparsity: number;
  readonly sigma: number;

  /**
   * `new Sparse({ sparsity, … })`, or MindSpore's positional form `new Sparse(sparsity, options?)`.
   */
  constructor(options: SparseOptions);
  constructor(sparsity: number, options?: Omit<SparseOptions, 'sparsity'>);
  constructor(first: number | SparseOptions, second?: Omit<SparseOptions, 'sparsity'>) {
    const options = leadingOption<SparseOptions>(first, second, arguments.length, 'Sparse', SPARSE_KEYS, 'sparsity');
    super(options);
    const sparsity = checkNumber(options?.sparsity, 'Sparse', 'sparsity');
    if (sparsity < 0 || sparsity > 1)
      throw new RangeError(`For Sparse initializer, the argument 'sparsity' must be in [0, 1], but got ${sparsity}.`);
    this.sparsity = sparsity;
    this.sigma = checkSigma(options.sigma ?? 0.01, 'Sparse');
  }

  /** The normal values use draws [0, size); the per-column shuffles use draws [size, 2 * size). */
  override draws(shape: readonly number[]): number {
    return 2 * sizeOf(shape);
  }

  override checkShape(shape: readonly number[]): void {
    if (shape.length !== 2) {
      // MindSpore: 'For Sparse initializer, the dimension of the initialized tensor should be 2, but got {}.'
      throw new RangeError(`For Sparse initializer, the dimension of the initialized tensor should be 2, but got ${shape.length}.`);
    }
  }

  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    this.checkShape(shape);
    const [rows, cols] = shape as [number, number];
    const size = rows * cols;
    const zeroNum = Math.min(rows, Math.ceil(this.sparsity * rows));
    const data = normalValues(size, key, 0, this.sigma);
    const perm = new Int32Array(rows);
    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < rows; r++) perm[r] = r;
      // The first zeroNum steps of a Fisher-Yates shuffle pick zeroNum distinct rows uniformly.
      for (let j = 0; j < zeroNum; j++) {
        const k = j + randomIndex(key, size + c * rows + j, rows - j);
        const row = perm[k] as number;
        perm[k] = perm[j] as number;
        perm[j] = row;
        data[row * cols + c] = 0;
      }
    }
    return data;
  }
}
