import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
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
const ref = (x: number, beta: number, threshold: number) => (beta * x > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta);

describe('nn.Softplus', () => {
  it("is log(1 + exp(x)) by default, and x past the threshold, MindSpore's example", () => {
    close(new nn.Softplus().call(tensor([0.1, 0.2, 30, 25], 'float32')), [0.74439657, 0.7981388, 30, 25]);
  });

  it('takes beta and threshold', () => {
    const xs = [-3, -0.5, 0.5, 2.4, 2.6, 8];
    close(
      new nn.Softplus({ beta: 2, threshold: 5 }).call(tensor(xs, 'float32')),
      xs.map((x) => ref(x, 2, 5)),
    );
    close(
      new nn.Softplus({ beta: 0.5 }).call(tensor(xs, 'float32')),
      xs.map((x) => ref(x, 0.5, 20)),
    );
  });

  it('has the gradient of its formula on both sides of the threshold (float64)', () => {
    const softplus = new nn.Softplus({ beta: 2, threshold: 3 });
    expect(checkGradients((x) => softplus.call(x), [tensor([-4, -0.6, 0.3, 1.2, 1.7, 4], 'float64')])).toEqual([]);
    // The branch not taken stays finite: no NaN from a huge input.
    const [, grad] = ops.valueAndGrad((x: Tensor) => ops.sum(new nn.Softplus().call(x)))(tensor([1000, -1000], 'float32'));
    expect(values(grad)).toEqual([1, 0]);
  });

  it('checks its options and prints them', () => {
    expect(() => new nn.Softplus({ beta: 0 })).toThrow("For 'Softplus', the 'beta' must not be 0, but got 0.");
    expect(() => new nn.Softplus({ threshold: Number.POSITIVE_INFINITY })).toThrow(
      "For 'Softplus', the 'threshold' must be a finite number, but got Infinity.",
    );
    expect(() => new nn.Softplus({ betta: 2 } as never)).toThrow("unknown option 'betta' for Softplus; did you mean 'beta'?");
    expect(String(new nn.Softplus())).toBe('Softplus(beta=1, threshold=20)');
  });
});
