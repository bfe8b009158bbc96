import { cpu } from '@mindts/backend-cpu';
import { checkGradients } from '@mindts/ops/testing';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);
const close = (t: Tensor, expected: number[], digits = 5) => {
  const got = values(t);
  expect(got).toHaveLength(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
};
const x = () =>
  tensor(
    [
      [-1, 4, -8],
      [2, -5, 9],
    ],
    'float32',
  );

describe('nn.LogSoftmax', () => {
  it("is log(softmax(x)) along the last axis by default, MindSpore's example", () => {
    close(new nn.LogSoftmax().call(x()), [-5.0067215, -0.00672150636, -12.0067215, -7.00091219, -14.0009127, -0.000912250078]);
  });

  it('takes another axis', () => {
    const lse = (a: number, b: number) => Math.log(Math.exp(a) + Math.exp(b));
    const cols = [
      [-1, 2],
      [4, -5],
      [-8, 9],
    ].map(([a, b]) => [(a as number) - lse(a as number, b as number), (b as number) - lse(a as number, b as number)]);
    close(new nn.LogSoftmax({ axis: 0 }).call(x()), [cols[0]![0]!, cols[1]![0]!, cols[2]![0]!, cols[0]![1]!, cols[1]![1]!, cols[2]![1]!]);
  });

  it('has the gradient of its formula (finite differences, float64)', () => {
    const logSoftmax = new nn.LogSoftmax({ axis: 1 });
    const input = tensor(
      [
        [0.3, -1.2, 2],
        [1.1, 0.4, -0.7],
      ],
      'float64',
    );
    expect(checkGradients((v) => logSoftmax.call(v), [input])).toEqual([]);
  });

  it('checks the axis and prints it', () => {
    expect(() => new nn.LogSoftmax({ axis: 0.5 })).toThrow("For 'LogSoftmax', the 'axis' must be int, but got number 0.5.");
    expect(() => new nn.LogSoftmax({ dim: 1 } as never)).toThrow("unknown option 'dim' for LogSoftmax");
    expect(() => new nn.LogSoftmax({ axis: 2 }).call(x())).toThrow("For 'LogSoftmax', the 'axis' must be in range [-2, 2), but got 2.");
    expect(() => new nn.LogSoftmax().call(tensor([1, 2]))).toThrow(
      "For 'LogSoftmax', the dtype of the input must be a float type, but got int32.",
    );
    expect(String(new nn.LogSoftmax())).toBe('LogSoftmax(axis=-1)');
  });
});
