import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, ones, registerBackend, type Tensor, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.RNN / nn.LSTM / nn.GRU', () => {
  it("name every layer's Parameters as PyTorch and MindSpore do", () => {
    const lstm = new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true });
    const names = [...lstm.parametersAndNames()].map(([n, p]) => `${n} ${p.shape.join('x')}`);
    expect(names).toEqual([
      'weight_ih_l0 16x3',
      'weight_hh_l0 16x4',
      'bias_ih_l0 16',
      'bias_hh_l0 16',
      'weight_ih_l0_reverse 16x3',
      'weight_hh_l0_reverse 16x4',
      'bias_ih_l0_reverse 16',
      'bias_hh_l0_reverse 16',
      'weight_ih_l1 16x8',
      'weight_hh_l1 16x4',
      'bias_ih_l1 16',
      'bias_hh_l1 16',
      'weight_ih_l1_reverse 16x8',
      'weight_hh_l1_reverse 16x4',
      'bias_ih_l1_reverse 16',
      'bias_hh_l1_reverse 16',
    ]);
    expect([...new nn.GRU(2, 3, { hasBias: false }).parametersAndNames()].map(([n]) => n)).toEqual(['weight_ih_l0', 'weight_hh_l0']);
    const bound = 1 / Math.sqrt(4);
    for (const p of lstm.getParameters())
      expect(Math.max(...Array.from(p.dataSync() as Float32Array, Math.abs))).toBeLessThanOrEqual(bound);
  });

  it('return the output and final states with the documented shapes', () => {
    const [out, hN] = new nn.RNN(10, 16, { numLayers: 2, batchFirst: true }).call(ones([3, 5, 10]));
    expect([out.shape, hN.shape]).toEqual([
      [3, 5, 16],
      [2, 3, 16],
    ]);
    const [o2, [h2, c2]] = new nn.LSTM(10, 16, { bidirectional: true }).call(ones([5, 3, 10]));
    expect([o2.shape, h2.shape, c2.shape]).toEqual([
      [5, 3, 32],
      [2, 3, 16],
      [2, 3, 16],
    ]);
  });

  it('zero the outputs past each seqLength and keep the state of the last valid step', () => {
    const gru = new nn.GRU(2, 3);
    const x = ones([4, 2, 2]);
    const [out, hN] = gru.call(x, null, tensor([2, 4], 'int32'));
    const o = out.arraySync(3);
    expect(o[2]?.[0]).toEqual([0, 0, 0]);
    expect(o[3]?.[0]).toEqual([0, 0, 0]);
    expect(hN.arraySync(3)[0]?.[0]).toEqual(o[1]?.[0]);
    expect(hN.arraySync(3)[0]?.[1]).toEqual(o[3]?.[1]);
  });

  it('apply dropout between layers only in training mode', () => {
    const rnn = new nn.RNN(4, 8, { numLayers: 2, dropout: 0.5 });
    const x = ones([3, 2, 4]);
    const a = rnn.call(x)[0].arraySync();
    expect(rnn.call(x)[0].arraySync()).toEqual(a);
    rnn.setTrain();
    const b = rnn.call(x)[0].arraySync();
    expect(b).not.toEqual(a);
  });

  it('free every intermediate', () => {
    const lstm = new nn.LSTM(2, 3, { bidirectional: true, numLayers: 2 });
    const x = ones([4, 2, 2]);
    const lengths = tensor([3, 4], 'int32');
    const before = memory().numTensors;
    const [out, [h, c]] = lstm.call(x, null, lengths);
    for (const t of [out, h, c]) t.dispose();
    // Only what the call returned was alive (garbage collection can only lower the count).
    expect(memory().numTensors).toBeLessThanOrEqual(before);
  });

  it('reject bad options and inputs with the argument named', () => {
    expect(() => new nn.LSTM(3, 4, { num_layers: 2 } as never)).toThrow(/unknown option 'num_layers'.*numLayers/);
    expect(() => new nn.GRU(3, 4, { dropout: 1 })).toThrow(/'dropout' must be a number in range \[0, 1\)/);
    expect(() => new nn.RNN(3, 4, { nonlinearity: 'gelu' as never })).toThrow(/'nonlinearity' must be in/);
    expect(() => new nn.RNN(3, 0)).toThrow(/'hiddenSize' must be int and must > 0/);
    const gru = new nn.GRU(3, 4, { batchFirst: true });
    expect(() => gru.call(ones([2, 5, 4]))).toThrow(/'x' must have shape \[batch, seq, 3\], but got \[2, 5, 4\]/);
    expect(() => gru.call(ones([2, 5, 3]), zeros([1, 5, 4]))).toThrow(/'hx' must have shape \[1, 2, 4\]/);
    expect(() => gru.call(ones([2, 5, 3]), null, tensor([1, 2], 'float32'))).toThrow(/'seqLength' must be a Tensor of int32 or int64/);
    expect(() => gru.call(ones([2, 5, 3]), null, tensor([1, 2, 3], 'int32'))).toThrow(/batch size of x and seqLength must be equal/);
    const lstm = new nn.LSTM(3, 4);
    expect(() => lstm.call(ones([5, 2, 3]), zeros([1, 2, 4]) as unknown as [Tensor, Tensor])).toThrow(/'hx' must be a pair/);
  });

  it('print like MindSpore', () => {
    expect(new nn.GRU(3, 4, { bidirectional: true }).extendRepr()).toBe(
      'input_size=3, hidden_size=4, num_layers=1, has_bias=True, batch_first=False, dropout=0, bidirectional=True',
    );
  });
});
