import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const close = (t: Tensor, expected: number[]) => {
  const got = Array.from(t.dataSync());
  expect(got).toHaveLength(expected.length);
  for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, 5);
};

describe('activation layers', () => {
  it('ReLU, Sigmoid and Tanh compute elementwise', () => {
    const x = tensor([-2, 0, 1.5], 'float32');
    close(new nn.ReLU().call(x), [0, 0, 1.5]);
    close(
      new nn.Sigmoid().call(x),
      [-2, 0, 1.5].map((v) => 1 / (1 + Math.exp(-v))),
    );
    close(new nn.Tanh().call(x), [-2, 0, 1.5].map(Math.tanh));
  });

  it('GELU uses the tanh approximation by default, as MindSpore', () => {
    const x = tensor([-1, 1, 2], 'float32');
    const tanhForm = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
    close(new nn.GELU().call(x), [-1, 1, 2].map(tanhForm));
    // x·Φ(x): Φ(1) = 0.841344746, Φ(2) = 0.977249868.
    close(new nn.GELU({ approximate: false }).call(x), [-(1 - 0.841344746), 0.841344746, 2 * 0.977249868]);
    expect(() => new nn.GELU({ approximate: 'tanh' as never })).toThrow("For 'GELU', the 'approximate' must be a bool, but got string.");
  });

  it('Softmax normalises along axis (default -1)', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 5],
      ],
      'float32',
    );
    const e = (a: number, b: number) => [Math.exp(a) / (Math.exp(a) + Math.exp(b)), Math.exp(b) / (Math.exp(a) + Math.exp(b))];
    close(new nn.Softmax().call(x), [...e(1, 2), ...e(3, 5)]);
    const [a0, a1] = e(1, 3) as [number, number];
    const [b0, b1] = e(2, 5) as [number, number];
    close(new nn.Softmax({ axis: 0 }).call(x), [a0, b0, a1, b1]);
    expect(() => new nn.Softmax({ axis: 0.5 })).toThrow("For 'Softmax', the 'axis' must be an int, but got 0.5.");
  });

  it('getActivation builds a layer by MindSpore name', () => {
    expect(nn.getActivation('relu')).toBeInstanceOf(nn.ReLU);
    expect(nn.getActivation('gelu')).toBeInstanceOf(nn.GELU);
    expect(String(nn.getActivation('softmax'))).toBe('Softmax()');
    expect(() => nn.getActivation('toString')).toThrow(
      "The 'name' must be in ['softmax', 'logsoftmax', 'relu', 'relu6', 'silu', 'tanh', 'gelu', 'elu', 'sigmoid', 'prelu', 'leakyrelu'], but got toString.",
    );
  });
});
