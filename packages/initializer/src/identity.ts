/**
 * `Identity`: a 2-D identity matrix (ones on the main diagonal of a possibly non-square matrix).
 */
import { checkArity, checkOptions, type OptionKeys } from '@mindts/tensor';
import { Initializer, type InitializerOptions } from './base.js';

const IDENTITY_KEYS: OptionKeys<InitializerOptions> = { seed: true };

/**
 * Fills a 2-D tensor with the identity matrix, `eye(rows, cols)` (MindSpore's `Identity`; name
 * 'identity'). Any other rank is an error.
 * @example
 * initializer('identity', [2, 3]); // [[1, 0, 0], [0, 1, 0]]
 */
export class Identity extends Initializer {
  constructor(options?: InitializerOptions) {
    checkArity(arguments.length, 1, 'Identity');
    super(checkOptions<InitializerOptions>(options, 'Identity', IDENTITY_KEYS));
  }

  override draws(): number {
    return 0;
  }

  override checkShape(shape: readonly number[]): void {
    if (shape.length !== 2) {
      // MindSpore: 'For Identity initializer, the dimension of the initialized tensor should be 2, but got {}.'
      throw new RangeError(`For Identity initializer, the dimension of the initialized tensor should be 2, but got ${shape.length}.`);
    }
  }

  initialize(shape: readonly number[]): Float64Array {
    this.checkShape(shape);
    const [rows, cols] = shape as [number, number];
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = 1;
    return out;
  }
}
