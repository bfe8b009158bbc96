import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { listBackends, randn, registerBackend, setBackend, setSeed, type Tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameOutputs } from './ort.testkit.js';
import { toOnnx } from './toOnnx.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  setBackend('cpu');
  setSeed(13);
});

describe('float16', () => {
  it('a float16 network exports with float16 weights, inputs and outputs', async () => {
    const net = new nn.SequentialCell([
      new nn.Dense(6, 8, { activation: 'relu', dtype: 'float16' }),
      new nn.Dense(8, 3, { dtype: 'float16' }),
    ]);
    const f = (x: Tensor) => ops.softmax(net.call(x) as Tensor);
    const make = (b: number) => ops.cast(randn([b, 6]), 'float16');
    const model = await toOnnx(f, [make(2)]);
    expect(model.inputs[0]).toEqual({ name: 'input', dtype: 'float16', dims: ['batch', 6] });
    expect(model.outputs[0]?.dtype).toBe('float16');
    for (const b of [2, 5]) {
      const x = make(b);
      // float16 results round to 2^-11 relative; onnxruntime may accumulate in another order.
      await expectSameOutputs(model, [x], f(x), 2e-3);
    }
  });
});
