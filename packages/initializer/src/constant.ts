/**
 * Constant fills: `Zero` ('zeros'), `One` ('ones') and `Constant(value)`.
 */
import { checkArity, checkOptions, type OptionKeys } from '@mindts/tensor';
import { sizeOf } from '@mindts/tensor/backend';
import { Initializer, type InitializerOptions } from './base.js';
import { checkNumber } from './checks.js';

const SEED_KEYS: OptionKeys<InitializerOptions> = { seed: true };

/**
 * Fills with `value` (MindSpore's `Constant`; `initializer(3, shape)` uses it too). Not in the
 * name registry, as in MindSpore: it needs a value.
 * @example
 * initializer(new Constant(3), [1, 2, 3]); // all 3
 */
export class Constant extends Initializer {
  readonly value: number;

  constructor(value: number, options?: InitializerOptions) {
    checkArity(arguments.length, 2, 'Constant');
    super(checkOptions<InitializerOptions>(options, 'Constant', SEED_KEYS));
    this.value = checkNumber(value, 'Constant', 'value');
  }

  override draws(): number {
    return 0;
  }

  initialize(shape: readonly number[]): Float64Array {
    return new Float64Array(sizeOf(shape)).fill(this.value);
  }
}

/**
 * Fills with zeros (MindSpore's `Zero`; names 'zero' and 'zeros').
 * @example
 * initializer(new Zero(), [2, 2]);
 * initializer('zeros', [2, 2]);
 */
export class Zero extends Constant {
  constructor(options?: InitializerOptions) {
    checkArity(arguments.length, 1, 'Zero');
    super(0, checkOptions<InitializerOptions>(options, 'Zero', SEED_KEYS));
  }
}

/**
 * Fills with ones (MindSpore's `One`; names 'one' and 'ones').
 * @example
 * initializer(new One(), [2, 2]);
 * initializer('ones', [2, 2]);
 */
export class One extends Constant {
  constructor(options?: InitializerOptions) {
    checkArity(arguments.length, 1, 'One');
    super(1, checkOptions<InitializerOptions>(options, 'One', SEED_KEYS));
  }
}
