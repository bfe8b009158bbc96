import { cpu } from '@mindts/backend-cpu';
import { Normal } from '@mindts/initializer';
import { listBackends, registerBackend, setSeed, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../cell.js';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const weight = () =>
  tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    'float32',
  );
const bias = () => tensor([0.5, -1], 'float32');

describe('nn.Dense', () => {
  it('computes x · weightᵀ + bias', () => {
    const dense = new nn.Dense(3, 2, { weightInit: weight(), biasInit: bias() });
    const x = tensor(
      [
        [1, 1, 1],
        [1, 0, -1],
      ],
      'float32',
    );
    // [1,1,1]·[1,2,3] + 0.5 = 6.5, [1,1,1]·[4,5,6] − 1 = 14; [1,0,−1]·… = −2 + 0.5, −2 − 1
    expect(dense.call(x).arraySync()).toEqual([
      [6.5, 14],
      [-1.5, -3],
    ]);
  });

  it('applies the activation and keeps leading dimensions of other ranks', () => {
    const dense = new nn.Dense(3, 2, { weightInit: weight(), biasInit: bias(), activation: 'relu' });
    const x = tensor([[[1, 1, 1]], [[1, 0, -1]]], 'float32');
    const y = dense.call(x);
    expect(y.shape).toEqual([2, 1, 2]);
    expect(y.arraySync()).toEqual([[[6.5, 14]], [[0, 0]]]);
    expect(new nn.Dense(3, 2, { weightInit: weight(), hasBias: false }).call(tensor([1, 0, 0], 'float32')).arraySync()).toEqual([1, 4]);
    const withCell = new nn.Dense(3, 2, { weightInit: weight(), biasInit: bias(), activation: new nn.Sigmoid() });
    expect(withCell.activation).toBeInstanceOf(nn.Sigmoid);
    expect([...withCell.nameCells().keys()]).toEqual(['activation']);
  });

  it("creates weight and bias Parameters lazily, with MindSpore's names, shapes and default bounds", () => {
    setSeed(7);
    const dense = new nn.Dense(16, 4);
    expect([...dense.parametersAndNames()].map(([n, p]) => [n, p.name, p.shape, p.dtype, p.requiresGrad])).toEqual([
      ['weight', 'weight', [4, 16], 'float32', true],
      ['bias', 'bias', [4], 'float32', true],
    ]);
    expect(dense.weight.isLazy).toBe(true);
    expect(dense.hasBias).toBe(true);
    expect(dense.activation).toBeNull();
    // HeUniform(√5) and Uniform(1/√in) both give U(−1/√in, 1/√in) = U(−0.25, 0.25).
    const w = Array.from(dense.weight.dataSync());
    const b = Array.from(dense.bias?.dataSync() ?? []);
    expect(dense.weight.isLazy).toBe(false);
    for (const v of [...w, ...b]) expect(Math.abs(v)).toBeLessThanOrEqual(0.25);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.15);
    expect(new nn.Dense(2, 2, { hasBias: false }).bias).toBeNull();
    expect(new nn.Dense(2, 2, { dtype: 'float16' }).weight.dtype).toBe('float16');
    expect(new nn.Dense(2, 2, { weightInit: new Normal({ sigma: 0 }) }).weight.arraySync()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("refuses bad arguments with MindSpore's messages", () => {
    expect(() => new nn.Dense(0, 2)).toThrow(
      new RangeError("For 'Dense', the 'inChannels' must be int and must > 0, but got '0' with type 'int'."),
    );
    expect(() => new nn.Dense(2, 1.5)).toThrow(new TypeError("For 'Dense', the 'outChannels' must be int, but got 'number' 1.5."));
    expect(() => new nn.Dense(2, 2, { hasBias: 1 as never })).toThrow("For 'Dense', the 'hasBias' must be bool, but got 'number'.");
    expect(() => new nn.Dense(2, 3, { weightInit: weight() })).toThrow(
      "For 'Dense', weight init shape error. The ndim of 'weightInit' must be equal to 2, and the first dim must be equal to 'outChannels', " +
        "and the second dim must be equal to 'inChannels'. But got 'weightInit': Tensor(shape=[2, 3], dtype=float32), 'outChannels': 3, 'inChannels': 2.",
    );
    expect(() => new nn.Dense(3, 3, { weightInit: 'ones', biasInit: bias() })).toThrow(
      "For 'Dense', bias init shape error. The ndim of 'biasInit' must be equal to 1, and the first dim must be equal to 'outChannels'. " +
        "But got 'biasInit': Tensor(shape=[2], dtype=float32), 'outChannels': 3.",
    );
    expect(() => new nn.Dense(2, 2, { activation: 5 as never })).toThrow(
      new TypeError("For 'Dense', the 'activation' must be str or Cell, but got number."),
    );
    expect(() => new nn.Dense(2, 2, { activation: 'swish' })).toThrow(
      "The 'name' must be in ['softmax', 'logsoftmax', 'relu', 'relu6', 'silu', 'tanh', 'gelu', 'elu', 'sigmoid', 'prelu', 'leakyrelu'], but got swish.",
    );
  });

  it('prints its configuration', () => {
    expect(String(new nn.Dense(3, 4))).toBe('Dense(input_channels=3, output_channels=4, has_bias=True)');
    class Net extends Cell {
      fc = new nn.Dense(3, 4, { hasBias: false });
    }
    expect(String(new Net())).toBe('Net(\n  (fc): Dense(input_channels=3, output_channels=4)\n)');
  });
});
