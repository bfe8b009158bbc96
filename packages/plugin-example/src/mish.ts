/**
 * `mish(input)`, the op users call: the argument check, the dtype rule, then the `Mish`
 * primitive on the active backend. Shape inference is trivial for an elementwise op: the output
 * has the input's shape.
 */
import * as ops from '@mindts/ops';
import { getBackend, isFloat, Tensor } from '@mindts/tensor';
import { getKernel, runKernel } from '@mindts/tensor/backend';
import { describeValue } from './describeValue.js';
import { MISH } from './primitive.js';

/**
 * Mish, `input · tanh(softplus(input))` elementwise (Misra, 2019; MindSpore `ops.mish`), a
 * smooth, non-monotonic relu-like activation. Float inputs keep their dtype; integer and bool
 * inputs compute in float32, as `ops.sigmoid` does. Differentiable through the rule that
 * `registerPluginExample()` registers.
 * @example
 * registerPluginExample();
 * mish(tensor([-1, 0, 1], 'float32')); // [-0.3034, 0, 0.8651]
 */
export function mish(input: Tensor): Tensor {
  if (!(input instanceof Tensor)) throw new TypeError(`mish: input must be a Tensor, but got ${describeValue(input)}.`);
  const backend = getBackend().name;
  if (!getKernel(MISH, backend)) {
    throw new Error(
      `mish: the 'Mish' kernel is not registered for backend '${backend}'; call registerPluginExample() (with this backend's name) first.`,
    );
  }
  const x = isFloat(input.dtype) ? input : ops.cast(input, 'float32');
  try {
    return runKernel(MISH, [x], {});
  } finally {
    // The cast copy is ours; under a gradient tape its disposal waits for the backward pass.
    if (x !== input) x.dispose();
  }
}
