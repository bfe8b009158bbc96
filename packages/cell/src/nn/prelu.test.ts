import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { checkGradients } from '@mindts/ops/testing';
import { Parameter } from '@mindts/parameter';
import { listBackends, memory, registerBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell, nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);
const close = (t: Tensor, expected: number[], digits = 6) => {
  const got = values(t);
  expect(got).toHaveLength(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
};
/** [2, 3, 2] float64 input, away from 0. */
const input = () =>
  tensor(
    [
      [
        [-1.5, 0.7],
        [2.1, -0.4],
        [-0.9, -2.2],
      ],
      [
        [0.3, -1.1],
        [-1.7, 0.5],
        [1.3, -0.6],
      ],
    ],
    'float64',
  );

describe('nn.PReLU', () => {
  it("holds its slopes as the Parameter 'w' named 'a', 0.25 by default, as MindSpore", () => {
    const prelu = new nn.PReLU();
    expect([...prelu.parametersAndNames()].map(([key, p]) => [key, p.name, p.shape, p.dtype])).toEqual([['w', 'a', [1], 'float32']]);
    close(prelu.w, [0.25]);
    close(
      prelu.call(
        tensor(
          [
            [
              [
                [0.1, 0.6],
                [-0.8, 0.9],
              ],
            ],
          ],
          'float32',
        ),
      ),
      [0.1, 0.6, -0.2, 0.9],
    );
    class Net extends Cell {
      prelu = new nn.PReLU({ channel: 2 });
    }
    expect([...new Net().parametersAndNames()].map(([key, p]) => [key, p.name])).toEqual([['prelu.w', 'prelu.w']]);
  });

  it('uses one slope per channel (axis 1)', () => {
    const prelu = new nn.PReLU({ channel: 3, w: [0.1, 0.2, 0.3] });
    const x = input();
    const expected = values(x).map((v, i) => (v >= 0 ? v : v * [0.1, 0.2, 0.3][Math.floor(i / 2) % 3]!));
    close(prelu.call(x), expected); // the float32 slopes are cast to the float64 input
    const fromTensor = new nn.PReLU({ channel: 2, w: tensor([0.5, 2], 'float32') });
    close(fromTensor.call(tensor([[-1, -1]], 'float32')), [-0.5, -2]);
  });

  it('has the gradients of its formula: x by finite differences, w by central differences (float64)', () => {
    const prelu = new nn.PReLU({ channel: 3, w: [0.1, -0.2, 0.7] });
    expect(checkGradients((x) => prelu.call(x), [input()])).toEqual([]);
    const r = tensor([0.7, -1.3, 0.4, 1.1, -0.5, 0.9, 1.6, -0.8, 0.2, 1.4, -1.2, 0.6], 'float64');
    const loss = () => ops.sum(ops.mul(prelu.call(input()), ops.reshape(r, [2, 3, 2])));
    const [, grads] = ops.valueAndGrad(loss, null, [prelu.w])();
    const analytic = values(grads[0]!);
    const base = values(prelu.w);
    const eps = 1e-2; // the loss is linear in w, so the central difference is exact up to rounding
    base.forEach((_, k) => {
      const at = (d: number) => {
        prelu.w.setData(
          tensor(
            base.map((v, j) => (j === k ? v + d : v)),
            'float32',
          ),
        );
        return tidy(() => values(loss())[0]!);
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      prelu.w.setData(tensor(base, 'float32'));
      expect(analytic[k]).toBeCloseTo(numeric, 4);
    });
  });

  it("refuses bad options with MindSpore's messages and leaks nothing", () => {
    const before = memory().numTensors;
    expect(() => new nn.PReLU({ channel: 0 })).toThrow("For 'PReLU', the 'channel' must be int and must > 0, but got '0' with type 'int'.");
    expect(() => new nn.PReLU({ channel: 2, w: [0.1] })).toThrow(
      "For 'PReLU', the length of 'w' must be equal to the 'channel' when the 'w' is a list, but got the length of 'w': 1, the 'channel': 2.",
    );
    expect(() => new nn.PReLU({ w: ['a'] as never })).toThrow(
      "For 'PReLU', all elements in 'w' must be float when the 'w' is a list, but got a.",
    );
    const w = tensor([1, 2]);
    expect(() => new nn.PReLU({ channel: 2, w })).toThrow(
      "For 'PReLU', the dtype of 'w' must be float16 or float32 when the 'w' is a tensor, but got int32.",
    );
    w.dispose();
    expect(() => new nn.PReLU({ w: 'x' as never })).toThrow("For 'PReLU', the 'w' only supported float, list and tensor, but got string.");
    expect(() => new nn.PReLU({ channels: 2 } as never)).toThrow("unknown option 'channels' for PReLU; did you mean 'channel'?");
    expect(memory().numTensors).toBe(before);
    expect(() => new nn.PReLU({ channel: 3 }).call(tensor([[1, 2]], 'float32'))).toThrow(
      "For 'PReLU', the input's channel dimension (axis 1) must equal 'channel' 3, but got an input of shape [1, 2].",
    );
  });

  it('copies the Tensor it was given and prints its channel count', () => {
    const w = tensor([0.5, 0.5], 'float32');
    const prelu = new nn.PReLU({ channel: 2, w });
    w.dispose();
    expect(prelu.w).toBeInstanceOf(Parameter);
    close(prelu.w, [0.5, 0.5]);
    expect(String(prelu)).toBe('PReLU(channel=2)');
  });
});
