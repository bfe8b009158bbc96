/**
 * `Dirac`: convolution weights that pass their input through unchanged.
 */
import { sizeOf, stridesOf } from '@mindts/tensor/backend';
import type { OptionKeys } from '@mindts/tensor';
import { Initializer, type InitializerOptions } from './base.js';
import { leadingOption } from './checks.js';

/**
 * Options of {@link Dirac}.
 * @example
 * initializer(new Dirac({ groups: 2 }), [6, 4, 3, 3]);
 */
export interface DiracOptions extends InitializerOptions {
  /** Number of groups of the convolution; each group keeps its own identity (default 1). */
  groups?: number;
}

const DIRAC_KEYS: OptionKeys<DiracOptions> = { seed: true, groups: true };

/**
 * Fills a 3-, 4- or 5-D conv weight `[out, in, ...kernel]` with Dirac deltas: for each group and
 * each channel `d < min(out / groups, in)`, a 1 at `[group * out / groups + d, d, ...kernel centre]`
 * (MindSpore's `Dirac(groups=1)`; name 'dirac').
 * @example
 * initializer(new Dirac({ groups: 2 }), [6, 4, 3, 3]);
 * initializer('dirac', [6, 4, 3, 3]);
 */
export class Dirac extends Initializer {
  readonly groups: number;

  /**
   * `new Dirac(options?)`, or MindSpore's positional form `new Dirac(groups, options?)`.
   */
  constructor(options?: DiracOptions);
  constructor(groups: number, options?: Omit<DiracOptions, 'groups'>);
  constructor(first?: number | DiracOptions, second?: DiracOptions) {
    const options = leadingOption<DiracOptions>(first, second, arguments.length, 'Dirac', DIRAC_KEYS, 'groups');
    super(options);
    const groups = options.groups ?? 1;
    if (!Number.isInteger(groups) || groups < 1) {
      throw new RangeError(`For Dirac initializer, the argument 'groups' must be a positive integer, but got ${String(groups)}.`);
    }
    this.groups = groups;
  }

  override draws(): number {
    return 0;
  }

  override checkShape(shape: readonly number[]): void {
    const dimension = shape.length;
    if (dimension < 3 || dimension > 5) {
      // MindSpore: "For Dirac initializer, only support to initialize tensor with dimension of 3, 4 or 5, but got {}."
      throw new RangeError(`For Dirac initializer, only support to initialize tensor with dimension of 3, 4 or 5, but got ${dimension}.`);
    }
    if ((shape[0] as number) % this.groups !== 0) {
      // MindSpore's text, with the spaces it lost ("dimension ofthe", "dimension{}") restored.
      throw new RangeError(
        `For Dirac initializer, the first dimension of the initialized tensor must be divisible by groups, ` +
          `but got first dimension ${shape[0]}, groups ${this.groups}.`,
      );
    }
  }

  initialize(shape: readonly number[]): Float64Array {
    this.checkShape(shape);
    const out = new Float64Array(sizeOf(shape));
    const strides = stridesOf(shape);
    const outPerGroup = (shape[0] as number) / this.groups;
    const minDim = Math.min(outPerGroup, shape[1] as number);
    let centre = 0;
    for (let axis = 2; axis < shape.length; axis++) centre += Math.floor((shape[axis] as number) / 2) * (strides[axis] as number);
    for (let group = 0; group < this.groups; group++) {
      for (let d = 0; d < minDim; d++) {
        out[(group * outPerGroup + d) * (strides[0] as number) + d * (strides[1] as number) + centre] = 1;
      }
    }
    return out;
  }
}
