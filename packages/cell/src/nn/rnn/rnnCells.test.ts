import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { listBackends, ones, registerBackend, type Tensor, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Arr, expectClose, loadCases, toTensor } from '../../../fixtures/torch/torchFixture.js';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

interface CellCase {
  name: string;
  mode: 'RNNCell' | 'LSTMCell' | 'GRUCell';
  nonlinearity: 'tanh' | 'relu';
  inputSize: number;
  hiddenSize: number;
  hasBias: boolean;
  inputs: Record<string, Arr>;
  params: Record<string, Arr>;
  h: Arr;
  c?: Arr;
  wH: Arr;
  wC?: Arr;
  grads: Record<string, Arr>;
}

describe('rnnCells.json (PyTorch 1.13 fixtures)', () => {
  for (const c of loadCases<CellCase>('rnnCells.json')) {
    it(c.name, () => {
      const { inputSize: i, hiddenSize: h, hasBias } = c;
      const net =
        c.mode === 'RNNCell'
          ? new nn.RNNCell(i, h, { hasBias, nonlinearity: c.nonlinearity })
          : c.mode === 'LSTMCell'
            ? new nn.LSTMCell(i, h, { hasBias })
            : new nn.GRUCell(i, h, { hasBias });
      expect([...net.parametersAndNames()].map(([n]) => n)).toEqual(Object.keys(c.params));
      const dict = net.parametersDict();
      const weights = Object.entries(c.params).map(([name, a]) => {
        const p = dict.get(name) as Parameter;
        p.setData(toTensor(a));
        return p;
      });
      const inputs = Object.values(c.inputs).map(toTensor);
      const run = (x: Tensor, hx: Tensor, cx?: Tensor): [Tensor, Tensor | null] =>
        net instanceof nn.LSTMCell ? net.call(x, [hx, cx as Tensor]) : [(net as nn.GRUCell).call(x, hx), null];
      const [hy, cy] = run(...(inputs as [Tensor, Tensor, Tensor?]));
      expectClose(hy, c.h, 'h');
      if (c.c) expectClose(cy as Tensor, c.c, 'c');
      const loss = (...args: Tensor[]) => {
        const [ho, co] = run(...(args as [Tensor, Tensor, Tensor?]));
        const l = ops.sum(ops.mul(ho, toTensor(c.wH)));
        return co && c.wC ? ops.add(l, ops.sum(ops.mul(co, toTensor(c.wC)))) : l;
      };
      const [, [ig, wg]] = ops.valueAndGrad(
        loss,
        inputs.map((_, k) => k),
        weights,
      )(...inputs) as [Tensor, [Tensor[], Tensor[]]];
      Object.keys(c.inputs).forEach((k, n) => {
        expectClose(ig[n] as Tensor, c.grads[k] as Arr, `d${k}`);
      });
      Object.keys(c.params).forEach((k, n) => {
        expectClose(wg[n] as Tensor, c.grads[k] as Arr, `d${k}`);
      });
    });
  }
});

describe('recurrent cells', () => {
  it("draw MindSpore's uniform(-1/√hidden, 1/√hidden) Parameters with PyTorch's names and shapes", () => {
    const cell = new nn.LSTMCell(3, 4);
    const shapes = [...cell.parametersAndNames()].map(([n, p]) => [n, p.shape]);
    expect(shapes).toEqual([
      ['weight_ih', [16, 3]],
      ['weight_hh', [16, 4]],
      ['bias_ih', [16]],
      ['bias_hh', [16]],
    ]);
    for (const p of cell.getParameters()) {
      const v = Array.from(p.dataSync() as Float32Array);
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(0.5);
      expect(new Set(v).size).toBeGreaterThan(1);
    }
    expect([...new nn.GRUCell(3, 4, { hasBias: false }).parametersAndNames()].map(([n]) => n)).toEqual(['weight_ih', 'weight_hh']);
  });

  it('reject unknown options, bad nonlinearity and misshapen inputs with the argument named', () => {
    expect(() => new nn.RNNCell(3, 4, { has_bias: false } as never)).toThrow(/unknown option 'has_bias'.*hasBias/);
    expect(() => new nn.RNNCell(3, 4, { nonlinearity: 'sigmoid' as never })).toThrow(/'nonlinearity' must be in \['tanh', 'relu'\]/);
    expect(() => new nn.GRUCell(0, 4)).toThrow(/'inputSize' must be int and must > 0/);
    const cell = new nn.GRUCell(3, 4);
    expect(() => cell.call(ones([2, 5]), zeros([2, 4]))).toThrow(/'x' must have shape \[batch, 3\], but got \[2, 5\]/);
    expect(() => cell.call(ones([2, 3]), zeros([3, 4]))).toThrow(/'hx' must have shape \[2, 4\]/);
    expect(() => cell.call(tensor([[1, 2, 3]], 'int32'), zeros([1, 4]))).toThrow(
      /'x' must be a Tensor of float32 or float16, but got int32/,
    );
    const lstm = new nn.LSTMCell(3, 4);
    expect(() => lstm.call(ones([2, 3]), zeros([2, 4]) as never)).toThrow(/'hx' must be a pair \[h, c\]/);
    expect(() => lstm.call(ones([2, 3]), [zeros([2, 4]), zeros([2, 3])])).toThrow(/'hx\[1\]' must have shape \[2, 4\]/);
  });

  it('print like MindSpore', () => {
    expect(new nn.RNNCell(3, 4, { nonlinearity: 'relu' }).extendRepr()).toBe(
      'input_size=3, hidden_size=4, has_bias=True, nonlinearity=relu',
    );
  });
});
