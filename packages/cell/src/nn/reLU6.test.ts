import { cpu } from '@mindts/backend-cpu';
import { checkGradients } from '@mindts/ops/testing';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('nn.ReLU6', () => {
  it('clamps to [0, 6]', () => {
    expect(values(new nn.ReLU6().call(tensor([-1, -2, 0, 2, 1, 6.5, 100], 'float32')))).toEqual([0, 0, 0, 2, 1, 6, 6]);
  });

  it('has gradient 1 inside (0, 6) and 0 outside (finite differences, float64)', () => {
    const relu6 = new nn.ReLU6();
    expect(checkGradients((x) => relu6.call(x), [tensor([-2.5, -0.3, 0.4, 3.3, 5.6, 6.4, 9], 'float64')])).toEqual([]);
  });

  it('refuses non-float inputs and prints no arguments', () => {
    expect(() => new nn.ReLU6().call(tensor([1, 7]))).toThrow("For 'ReLU6', the dtype of the input must be a float type, but got int32.");
    expect(() => new nn.ReLU6().call([1] as never)).toThrow("For 'ReLU6', the input must be a Tensor, but got Array.");
    expect(String(new nn.ReLU6())).toBe('ReLU6()');
  });
});
