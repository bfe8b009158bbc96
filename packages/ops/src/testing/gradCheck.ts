/**
 * A generic gradient checker: compares `valueAndGrad` against central finite differences.
 * Run it in float64 on the CPU backend, the oracle.
 */
import { checkOptions, fromValues, Tensor, tidy } from '@mindts/tensor';
import { caseArgError, checkNonNegative } from './caseArgs.js';
import { randomValue } from '@mindts/tensor/backend';
import { valueAndGrad } from '../autograd/valueAndGrad.js';
import { mul } from '../binary.js';
import { sum } from '../reduce.js';

/**
 * Options of {@link checkGradients}.
 * @example
 * checkGradients((x) => ops.sigmoid(x), [randn([4], { dtype: 'float64' })], { eps: 1e-5, atol: 1e-5, seed: 1 }); // []
 */
export interface GradCheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Seed of the random projection of a non-scalar output (default 7). */
  seed?: number;
}

/**
 * Checks the gradients of `f` at `inputs` (float64 tensors) against central differences of
 * L = Σ f(x)·r for a fixed random r, so every Jacobian entry is exercised. Returns a list of
 * mismatches (empty when the gradients are right).
 * @example
 * expect(checkGradients((x) => ops.tanh(x), [randn([3], { dtype: 'float64' })])).toEqual([]);
 */
export function checkGradients(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradCheckOptions = {}): string[] {
  const {
    eps = 1e-6,
    atol = 1e-6,
    rtol = 1e-5,
    seed = 7,
  } = checkOptions<GradCheckOptions>(options, 'checkGradients', {
    eps: true,
    atol: true,
    rtol: true,
    seed: true,
  });
  if (typeof f !== 'function') throw caseArgError('checkGradients', 'f', 'a function of Tensors', f);
  if (!Array.isArray(inputs)) throw caseArgError('checkGradients', 'inputs', 'an array of Tensors', inputs);
  for (let i = 0; i < inputs.length; i++) {
    if (!(inputs[i] instanceof Tensor)) throw caseArgError('checkGradients', `inputs[${i}]`, 'a Tensor', inputs[i]);
  }
  checkNonNegative(eps, 'checkGradients', 'options.eps');
  if (eps === 0) throw new RangeError('checkGradients: options.eps must be > 0 (the finite-difference step), but got 0.');
  checkNonNegative(atol, 'checkGradients', 'options.atol');
  checkNonNegative(rtol, 'checkGradients', 'options.rtol');
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw caseArgError('checkGradients', 'options.seed', 'an integer', seed);
  return tidy(() => {
    const probe = f(...inputs);
    const r = fromValues(
      Array.from({ length: probe.size }, (_, i) => randomValue('uniform', seed, 0, i, 0.5, 1.5)),
      probe.shape,
      probe.dtype,
    );
    const loss = (...xs: Tensor[]) => sum(mul(f(...xs), r));
    const [, grads] = valueAndGrad(
      loss,
      inputs.map((_, i) => i),
    )(...inputs);
    const analytic = grads.map((g) => g.dataSync());
    const problems: string[] = [];
    inputs.forEach((x, k) => {
      const base = Float64Array.from(x.dataSync());
      const at = (i: number, delta: number) => {
        const v = base.slice();
        v[i] = (v[i] as number) + delta;
        const xs = inputs.map((t, j) => (j === k ? fromValues(v, x.shape, x.dtype) : t));
        return tidy(() => loss(...xs).dataSync()[0] as number);
      };
      for (let i = 0; i < base.length; i++) {
        const numeric = (at(i, eps) - at(i, -eps)) / (2 * eps);
        const got = analytic[k]?.[i] as number;
        if (!(Math.abs(got - numeric) <= atol + rtol * Math.abs(numeric))) {
          problems.push(`input ${k}[${i}]: analytic ${got}, numeric ${numeric}`);
        }
      }
    });
    return problems;
  });
}
