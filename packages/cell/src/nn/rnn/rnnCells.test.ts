import { cpu } from '@mindts/backend-cpu';
import { listBackends, ones, registerBackend, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
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
