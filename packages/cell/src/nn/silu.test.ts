import { cpu } from '@mindts/backend-cpu';
import { checkGradients } from '@mindts/ops/testing';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('nn.SiLU', () => {
  it("is x·sigmoid(x), MindSpore's example", () => {
    const xs = [-1, 2, -3, 2, -1];
    const got = values(new nn.SiLU().call(tensor(xs, 'float32')));
    for (const [i, x] of xs.entries()) expect(got[i]).toBeCloseTo(x / (1 + Math.exp(-x)), 6);
    expect(got[0]).toBeCloseTo(-0.269, 3);
    expect(got[1]).toBeCloseTo(1.762, 3);
  });

  it('has the gradient of its formula (finite differences, float64)', () => {
    const silu = new nn.SiLU();
    expect(checkGradients((x) => silu.call(x), [tensor([-4, -1.3, 0, 0.6, 2.2, 7], 'float64')])).toEqual([]);
  });

  it('refuses non-float inputs', () => {
    expect(() => new nn.SiLU().call(tensor([true]))).toThrow("For 'SiLU', the dtype of the input must be a float type, but got bool.");
    expect(String(new nn.SiLU())).toBe('SiLU()');
  });
});
