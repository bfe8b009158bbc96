/**
 * Seeded float64 inputs for gradient checks. Not part of the package.
 */
import { fromValues, type Tensor } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';

let next = 1000;

/** float64 values uniform in [lo, hi), a fresh seed per call. */
export function f64(shape: readonly number[], lo = -2, hi = 2): Tensor {
  const s = next++;
  const n = shape.reduce((a, b) => a * b, 1);
  return fromValues(
    Array.from({ length: n }, (_, i) => randomValue('uniform', s, 0, i, lo, hi)),
    shape,
    'float64',
  );
}
