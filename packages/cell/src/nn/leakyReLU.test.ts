import { cpu } from '@mindts/backend-cpu';
import { checkGradients } from '@mindts/ops/testing';
import { listBackends, memory, registerBackend, type Tensor, tensor } from '@mindts/tensor';
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
/** float64 points away from the kink at 0. */
const points = () => tensor([-2.5, -1.2, -0.3, 0.4, 1.7, 3.1], 'float64');

describe('nn.LeakyReLU', () => {
  it("keeps x >= 0 and scales x < 0 by alpha (default 0.2), MindSpore's example", () => {
    const x = tensor(
      [
        [-1, 4, -8],
        [2, -5, 9],
      ],
      'float32',
    );
    close(new nn.LeakyReLU().call(x), [-0.2, 4, -1.6, 2, -1, 9]);
    close(new nn.LeakyReLU({ alpha: 0.01 }).call(x), [-0.01, 4, -0.08, 2, -0.05, 9]);
    // alpha > 1 is the same formula (MindSpore switches max for min to get it).
    close(new nn.LeakyReLU({ alpha: 2 }).call(tensor([-1, 3], 'float32')), [-2, 3]);
    expect(new nn.LeakyReLU().call(x).dtype).toBe('float32');
  });

  it('has the gradient of its formula (finite differences, float64)', () => {
    const leaky = new nn.LeakyReLU({ alpha: 0.3 });
    expect(checkGradients((x) => leaky.call(x), [points()])).toEqual([]);
  });

  it('leaves no intermediate behind: each activation layer adds only its output', () => {
    const x = tensor([[-1.5, 0.5, 2]], 'float32');
    const layers = [
      new nn.LeakyReLU(),
      new nn.ELU(),
      new nn.SiLU(),
      new nn.ReLU6(),
      new nn.PReLU({ channel: 3 }),
      new nn.LogSoftmax(),
      new nn.Softplus({ beta: 2 }),
      new nn.Identity(),
    ];
    for (const layer of layers) {
      const before = memory().numTensors;
      const y = layer.call(x);
      expect(memory().numTensors, layer.constructor.name).toBe(before + 1);
      y.dispose();
    }
  });

  it('checks its options and input, and prints alpha', () => {
    expect(() => new nn.LeakyReLU({ alpha: '0.1' as never })).toThrow(
      "For 'LeakyReLU', the 'alpha' must be a float or an int, but got string.",
    );
    expect(() => new nn.LeakyReLU({ alpha: Number.NaN })).toThrow("For 'LeakyReLU', the 'alpha' must be a finite number, but got NaN.");
    expect(() => new nn.LeakyReLU({ negativeSlope: 0.1 } as never)).toThrow("unknown option 'negativeSlope' for LeakyReLU");
    expect(() => new nn.LeakyReLU().call(tensor([1, -1]))).toThrow(
      "For 'LeakyReLU', the dtype of the input must be a float type, but got int32.",
    );
    expect(String(new nn.LeakyReLU())).toBe('LeakyReLU(alpha=0.2)');
  });
});
