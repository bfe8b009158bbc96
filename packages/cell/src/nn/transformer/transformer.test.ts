import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, memory, randn, registerBackend, setBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const values = (t: Tensor) => Array.from(t.dataSync());

describe('Transformer layers', () => {
  it("TransformerEncoderLayer's children are PyTorch's (and MindSpore 2.2's)", () => {
    const layer = new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    expect([...layer.nameCells().keys()]).toEqual(['self_attn', 'linear1', 'dropout', 'linear2', 'norm1', 'norm2', 'dropout1', 'dropout2']);
    expect([...layer.parametersAndNames()].map(([n]) => n)).toContain('norm2.gamma');
    const dec = new nn.TransformerDecoderLayer(4, 2, { dimFeedforward: 8, activation: new nn.GELU() });
    expect([...dec.nameCells().keys()]).toEqual([
      'self_attn',
      'multihead_attn',
      'linear1',
      'dropout',
      'linear2',
      'norm1',
      'norm2',
      'norm3',
      'dropout1',
      'dropout2',
      'dropout3',
      'activation',
    ]);
  });

  it('stacks independent copies of the layer: same values, fresh Parameters named layers.i.…', () => {
    setSeed(1);
    const layer = new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    const encoder = new nn.TransformerEncoder(layer, 2, { norm: new nn.LayerNorm([4]) });
    const params = encoder.parametersDict();
    const w0 = params.get('layers.0.self_attn.in_proj_weight') as Tensor;
    const w1 = params.get('layers.1.self_attn.in_proj_weight') as Tensor;
    expect(w0).not.toBe(w1);
    expect(values(w0)).toEqual(values(layer.self_attn.in_proj_weight as Tensor));
    expect(values(w1)).toEqual(values(w0));
    expect(params.has('norm.gamma')).toBe(true);
    expect(params.size).toBe(2 * 12 + 2);
    (w0 as unknown as { setData(v: number): void }).setData(0);
    expect(values(w1)).toEqual(values(layer.self_attn.in_proj_weight as Tensor));
    expect(encoder.call(randn([3, 2, 4])).shape).toEqual([3, 2, 4]);
  });

  it('Transformer: encoder and decoder stacks with final norms, Xavier-uniform matrices', () => {
    setSeed(5);
    const model = new nn.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 8, dropout: 0 });
    const names = [...model.parametersAndNames()].map(([n]) => n);
    expect(names).toContain('encoder.layers.1.linear2.weight');
    expect(names).toContain('decoder.layers.0.multihead_attn.out_proj.bias');
    expect(names).toContain('encoder.norm.gamma');
    expect(names).toContain('decoder.norm.beta');
    // Xavier-uniform bound of linear1.weight [8, 4]: √(6 / 12).
    const w = values(model.parametersDict().get('encoder.layers.0.linear1.weight') as Tensor);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(0.5));
    expect(model.call(randn([5, 2, 4]), randn([3, 2, 4])).shape).toEqual([3, 2, 4]);
    expect(() => model.call(randn([5, 2, 4]), randn([3, 3, 4]))).toThrow("The number of batch size for 'src' and 'tgt' must be equal");
  });

  it('dropout acts in training mode only', () => {
    setSeed(7);
    const layer = new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8, dropout: 0.5 });
    const x = randn([3, 2, 4]);
    expect(values(layer.call(x))).toEqual(values(layer.call(x)));
    layer.setTrain();
    expect(values(layer.call(x))).not.toEqual(values(layer.setTrain(false).call(x)));
  });

  it('keeps memory flat over a training loop (valueAndGrad + Adam, masks, dropout)', () => {
    setSeed(2);
    const layer = new nn.TransformerDecoderLayer(4, 2, { dimFeedforward: 8, dropout: 0.1 });
    layer.setTrain();
    const opt = new nn.Adam(layer.trainableParams(), { learningRate: 0.01 });
    const [tgt, mem] = [randn([3, 2, 4]), randn([5, 2, 4])];
    const mask = tensor(
      [
        [false, true, true],
        [false, false, true],
        [false, false, false],
      ],
      'bool',
    );
    const padding = tensor(
      [
        [false, false, false, true, true],
        [false, false, false, false, false],
      ],
      'bool',
    );
    const gradFn = ops.valueAndGrad(() => ops.mean(ops.square(layer.call(tgt, mem, mask, null, null, padding))), null, opt.parameters);
    const step = () =>
      tidy(() => {
        const [, grads] = gradFn();
        opt.call(grads);
      });
    step();
    const before = memory();
    for (let i = 0; i < 5; i++) step();
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => new nn.TransformerEncoderLayer(4, 2, { activation: 'tanh' as never })).toThrow(
      "For 'TransformerEncoderLayer', the 'activation' must be 'relu', 'gelu', a Cell or a function, but got \"tanh\".",
    );
    expect(() => new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8 } as never)).toThrow(
      "unknown option 'dim_feedforward' for TransformerEncoderLayer; did you mean 'dimFeedforward'?",
    );
    expect(() => new nn.TransformerEncoder(new nn.Dense(2, 2) as never, 2)).toThrow(
      "For 'TransformerEncoder', the 'encoderLayer' must be a TransformerEncoderLayer, but got Dense.",
    );
    expect(() => new nn.Transformer({ d_model: 4 } as never)).toThrow("unknown option 'd_model' for Transformer; did you mean 'dModel'?");
  });

  it('prints its options', () => {
    expect(String(new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 })).split('\n')[1]).toBe(
      '  d_model=4, nhead=2, dim_feedforward=8, dropout=0.1, activation=relu, layer_norm_eps=0.00001, batch_first=False, norm_first=False',
    );
  });
});

describe('Transformer memory', () => {
  it('dispose frees every tensor the constructor made (the xavier initializer tensors too)', () => {
    const before = memory().numTensors;
    const t = new nn.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 8 });
    t.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
