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
const close = (t: Tensor, expected: number[], digits = 6) => {
  const got = values(t);
  expect(got).toHaveLength(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
};

describe('nn.ELU', () => {
  it("is x for x > 0 and alpha·(exp(x) − 1) elsewhere, MindSpore's example", () => {
    close(new nn.ELU().call(tensor([-1, -2, 0, 2, 1], 'float32')), [-0.63212055, -0.86466473, 0, 2, 1]);
    close(new nn.ELU({ alpha: 0.5 }).call(tensor([-1, 3], 'float32')), [0.5 * Math.expm1(-1), 3]);
  });

  it('has the gradient of its formula, finite even where exp would overflow', () => {
    const elu = new nn.ELU({ alpha: 1.5 });
    expect(checkGradients((x) => elu.call(x), [tensor([-3, -0.7, -0.1, 0.2, 2.4], 'float64')])).toEqual([]);
    const [, grad] = ops.valueAndGrad((x: Tensor) => ops.sum(elu.call(x)))(tensor([200, -200], 'float32'));
    expect(values(grad)).toEqual([1, 0]);
  });

  it('checks its options and prints alpha', () => {
    expect(() => new nn.ELU({ alpha: null as never })).toThrow("For 'ELU', the 'alpha' must be a float or an int, but got null.");
    expect(() => new nn.ELU({ aplha: 1 } as never)).toThrow("unknown option 'aplha' for ELU; did you mean 'alpha'?");
    expect(String(new nn.ELU())).toBe('ELU(alpha=1)');
  });
});
