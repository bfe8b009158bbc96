import { cpu } from '@mindts/backend-cpu';
import { Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { listBackends, memory, ones, randn, registerBackend, setBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { MishDense, mishValue, registerPluginExample } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
  registerPluginExample();
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('MishDense parameters', () => {
  it('are named weight [out, in] and bias [out], Rademacher ±1/√in and zeros by default', () => {
    const layer = new MishDense(4, 3);
    expect(layer.trainableParams().map((p) => [p.name, p.shape])).toEqual([
      ['weight', [3, 4]],
      ['bias', [3]],
    ]);
    expect(new Set(values(layer.weight))).toEqual(new Set([0.5, -0.5]));
    expect(values(layer.bias as Tensor)).toEqual([0, 0, 0]);
    expect(layer.toString()).toBe('MishDense(input_channels=4, output_channels=3, has_bias=True, activation=mish)');
  });

  it('take MindSpore names inside another Cell, with any initializer', () => {
    class Net extends Cell {
      body = new MishDense(2, 2, { weightInit: 'ones', biasInit: 0.5, dtype: 'float64' });
      override construct(x: Tensor) {
        return this.body.call(x);
      }
    }
    const net = new Net();
    expect(net.trainableParams().map((p) => p.name)).toEqual(['body.weight', 'body.bias']);
    expect(net.body.weight.dtype).toBe('float64');
    // ones · [1, 2] + 0.5 = 3.5 for both outputs.
    expect(values(net.call(tensor([[1, 2]], 'float64')))).toEqual([mishValue(3.5), mishValue(3.5)]);
    expect(new MishDense(2, 3, { hasBias: false }).trainableParams().map((p) => p.name)).toEqual(['weight']);
  });
});

describe('MishDense forward', () => {
  it('is mish(x·Wᵀ + b), checked element by element on the host', () => {
    const w = [
      [0.5, -1, 2],
      [1.5, 0, -0.25],
    ];
    const b = [0.1, -0.2];
    const layer = new MishDense(3, 2, { weightInit: tensor(w, 'float64'), biasInit: tensor(b, 'float64'), dtype: 'float64' });
    const x = [
      [1, 2, 3],
      [-1, 0.5, 4],
    ];
    const want = x.flatMap((row) => w.map((wr, j) => mishValue(row.reduce((s, v, k) => s + v * (wr[k] as number), b[j] as number))));
    const got = values(layer.call(tensor(x, 'float64')));
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(want[i] as number, 14);
  });

  it('keeps leading dimensions: rank 1 and rank 3 inputs', () => {
    const layer = new MishDense(3, 5);
    expect(layer.call(ones([3])).shape).toEqual([5]);
    expect(layer.call(ones([2, 4, 3])).shape).toEqual([2, 4, 5]);
  });

  it('leaves only its output behind', () => {
    const layer = new MishDense(3, 5);
    const x = ones([2, 3]);
    layer.call(x).dispose();
    const before = memory().numTensors;
    layer.call(x).dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('MishDense trains', () => {
  it('valueAndGrad + Adam fits y = sin(2x₀)·x₁ with a MishDense hidden layer: the loss falls tenfold', () => {
    setSeed(3);
    const net = new nn.SequentialCell([new MishDense(2, 16), new nn.Dense(16, 1)]);
    const x = randn([64, 2]);
    const xv = values(x);
    const y = tensor(
      Array.from({ length: 64 }, (_, i) => Math.sin(2 * (xv[2 * i] as number)) * (xv[2 * i + 1] as number)),
      'float32',
      [64, 1],
    );
    const lossFn = new nn.MSELoss();
    const opt = new nn.Adam(net.trainableParams(), { learningRate: 0.02 });
    const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => lossFn.call(net.call(a) as Tensor, b), null, opt.parameters);
    const step = () =>
      tidy(() => {
        const [loss, grads] = gradFn(x, y);
        opt.call(grads);
        return values(loss)[0] as number;
      });
    const first = step();
    let last = first;
    for (let i = 0; i < 150; i++) last = step();
    expect(Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first * 0.1);
    // The gradient reached the plugin layer: its weights moved off ±1/√2.
    expect(values(net.trainableParams()[0] as Tensor).some((v) => Math.abs(Math.abs(v) - Math.SQRT1_2) > 1e-3)).toBe(true);
  });
});

describe('MishDense errors', () => {
  it('name the argument, what is expected and what it got', () => {
    expect(() => new MishDense(0, 2)).toThrow("For 'MishDense', the 'inChannels' must be a positive integer, but got number 0.");
    expect(() => new MishDense(2, 1.5)).toThrow("For 'MishDense', the 'outChannels' must be a positive integer, but got number 1.5.");
    expect(() => new MishDense(2, 2, { dtype: 'int32' })).toThrow(
      "For 'MishDense', the 'dtype' must be a float dtype (float16, float32, float64), but got string \"int32\".",
    );
    expect(() => new MishDense(2, 2, { hasBias: 'yes' as unknown as boolean })).toThrow(
      "For 'MishDense', the 'hasBias' must be a boolean, but got string \"yes\".",
    );
    expect(() => new MishDense(2, 2, { weightInit: ones([3, 3]) })).toThrow(/the 'init' shape \[3, 3\] and the 'shape' \[2, 2\]/);
  });

  it('name the input and its shape when it does not fit', () => {
    const layer = new MishDense(3, 2);
    expect(() => layer.call(ones([2, 4]))).toThrow(
      "For 'MishDense', the last dimension of the input x must be inChannels = 3, but got x of shape [2, 4].",
    );
    expect(() => layer.call([1, 2, 3] as unknown as Tensor)).toThrow(
      "For 'MishDense', the input x must be a Tensor, but got an array of length 3.",
    );
  });
});
