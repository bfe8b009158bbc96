import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { checkGradients } from '@mindts/ops/testing';
import { fromValues, listBackends, registerBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { mish, registerPluginExample } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
  registerPluginExample();
});

/** float64 values in [lo, hi) from the shared counter-based generator. */
function f64(shape: number[], seed: number, lo = -4, hi = 4): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return fromValues(
    Array.from({ length: n }, (_, i) => randomValue('uniform', seed, 0, i, lo, hi)),
    shape,
    'float64',
  );
}

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('the Mish gradient', () => {
  it('matches hand-computed derivatives: tanh(ln 2) = 0.6 at 0', () => {
    const x = tensor([-5, -1, 0, 1, 2], 'float64');
    const dx = ops.grad((a: Tensor) => mish(a))(x);
    // d/dx x·tanh(sp) = tanh(sp) + x·(1 − tanh²(sp))·σ(x), to 30 digits (mpmath), rounded to the nearest double.
    const want = [-0.026747498019901932, 0.05921675587739495, 0.6, 1.0490362200997922, 1.0693179342794896];
    for (const [i, v] of values(dx).entries()) expect(v).toBeCloseTo(want[i] as number, 14);
  });

  it('matches central finite differences (float64, CPU), across the bend and both tails', () => {
    expect(checkGradients((x) => mish(x), [f64([3, 4], 1)])).toEqual([]);
    expect(checkGradients((x) => mish(x), [f64([8], 2, -30, -8)])).toEqual([]);
    expect(checkGradients((x) => mish(x), [f64([8], 3, 8, 30)])).toEqual([]);
  });

  it('composes: through a matmul and a reduction, for every input', () => {
    const f = (x: Tensor, w: Tensor) => ops.sum(mish(ops.matmul(x, w)), 1);
    expect(checkGradients(f, [f64([2, 3], 4, -1, 1), f64([3, 4], 5, -1, 1)])).toEqual([]);
  });

  it('is differentiable itself: second derivatives by nesting grad', () => {
    const d1 = (x: Tensor) => ops.grad((a: Tensor) => mish(a))(x);
    expect(checkGradients(d1, [f64([6], 6, -3, 3)], { rtol: 1e-5, atol: 1e-6 })).toEqual([]);
  });

  it('flows to float inputs that were ints before the op cast them', () => {
    // An int32 input has no gradient (valueAndGrad gives zeros); the op's cast does not break the tape.
    const [, dx] = ops.valueAndGrad((a: Tensor) => ops.sum(mish(a)))(tensor([1, 2], 'int32'));
    expect(values(dx)).toEqual([0, 0]);
  });
});
