import { CpuBackend } from '@mindts/backend-cpu';
import { fromValues, memory, type Tensor, tensor, tidy } from '@mindts/tensor';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyGradientDescent } from './applyGradientDescent.js';
import { valueAndGrad } from './autograd/valueAndGrad.js';
import { mul } from './binary.js';
import { relu } from './activation.js';
import { sum } from './reduce.js';
import { useCpu, values } from './test/helpers.js';

beforeAll(useCpu);
afterEach(() => vi.restoreAllMocks());

const seeded = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 3);

describe('applyGradientDescent', () => {
  it('updates in place as var − alpha·delta, one fused kernel on a backend that compiles programs', () => {
    const compile = vi.spyOn(CpuBackend.prototype, 'compileElementwise');
    const [v, d] = [fromValues(seeded(300, 1), [20, 15], 'float32'), fromValues(seeded(300, 2), [20, 15], 'float32')];
    const before = Float32Array.from(v.dataSync() as Float32Array);
    const delta = Float32Array.from(d.dataSync() as Float32Array);
    const buffers = memory().numTensors;
    expect(applyGradientDescent(v, 0.25, d)).toBe(v);
    // float32 arithmetic, as the primitives compute it: round(alpha·delta), then the difference.
    const expected = before.map((x, i) => Math.fround(x - Math.fround(Math.fround(0.25) * delta[i]!)));
    expect(Array.from(v.dataSync() as Float32Array)).toEqual(Array.from(expected));
    expect(compile).toHaveBeenCalled();
    expect(memory().numTensors).toBe(buffers);
    v.dispose();
    d.dispose();
  });

  it('gives the same values while a tape records (where it runs as two primitives)', () => {
    const [a, b] = [fromValues(seeded(64, 3), [8, 8], 'float32'), fromValues(seeded(64, 3), [8, 8], 'float32')];
    const delta = fromValues(seeded(64, 4), [8, 8], 'float32');
    const lr = tensor(0.1, 'float32');
    applyGradientDescent(a, lr, delta);
    const fn = valueAndGrad((x: Tensor) => {
      applyGradientDescent(b, lr, delta);
      return sum(mul(x, x));
    });
    const [loss, grads] = fn(tensor([1, 2], 'float32'));
    expect(values(b)).toEqual(values(a));
    for (const t of [loss, grads, a, b, delta, lr]) t.dispose();
  });

  it('names the argument, the expected and the actual value, and leaves the variable untouched', () => {
    const v = tensor([1, 2, 3], 'float32');
    const cases: [() => unknown, string][] = [
      [
        () => applyGradientDescent(tensor([1, 2], 'int32'), 0.1, tensor([1, 1], 'int32')),
        "the 'var' must be float16 or float32, but got a int32 Tensor of shape [2]",
      ],
      [
        () => applyGradientDescent(v, tensor([0.1, 0.2], 'float32'), tensor([1, 1, 1], 'float32')),
        "the 'alpha' must be a scalar (shape [] or [1]), but got a float32 Tensor of shape [2]",
      ],
      [
        () => applyGradientDescent(v, tensor(1, 'int32'), tensor([1, 1, 1], 'float32')),
        "the 'alpha' must be float16 or float32, but got a int32 Tensor of shape []",
      ],
      [() => applyGradientDescent(v, Number.NaN, tensor([1, 1, 1], 'float32')), "the 'alpha' must be a finite number, but got NaN"],
      [
        () => applyGradientDescent(v, 0.1, tensor([1, 1], 'float32')),
        "the shape of 'delta' must be the same as the shape of 'var' [3], but got [2]",
      ],
      [() => applyGradientDescent(v, 0.1, [1, 1, 1] as unknown as Tensor), 'delta must be a Tensor, but got an array of length 3'],
      [
        () => applyGradientDescent(v, 0.1, tensor([1, 1, 1], 'float64')),
        'data type float32 cannot be converted to data type float64 automatically',
      ],
    ];
    for (const [call, message] of cases) expect(call).toThrow(message);
    expect(values(v)).toEqual([1, 2, 3]);
    v.dispose();
  });
});

describe("ReLU's gradient", () => {
  it('is dy where x > 0 and 0 elsewhere, fused where the backend compiles programs', () => {
    const compile = vi.spyOn(CpuBackend.prototype, 'compileElementwise');
    const x = tensor([-1, 0, 2, Number.NaN, 5], 'float32');
    const dy = tensor([10, 20, 30, 40, 50], 'float32');
    const g = tidy(() => valueAndGrad((t: Tensor) => sum(mul(relu(t), dy)))(x)[1]);
    expect(values(g)).toEqual([0, 0, 30, 0, 50]);
    expect(compile.mock.calls.some(([p]) => p.steps.some((s) => s.kind === 'where'))).toBe(true);
    for (const t of [x, dy, g]) t.dispose();
  });
});
