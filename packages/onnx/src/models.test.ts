/**
 * The three models of the issue, exported and run in onnxruntime-node: outputs equal mindts's
 * to 1e-5, at the traced batch size and at others (the batch size is left open).
 */
import { cpu } from '@mindts/backend-cpu';
import { Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { listBackends, rand, randn, registerBackend, setBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameOutputs, flatTensors } from './ort.testkit.js';
import { toOnnx } from './toOnnx.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  setBackend('cpu');
  setSeed(7);
});

/** The example app's MNIST CNN (apps/example/src/train/models.ts), layer for layer. */
class LeNet extends Cell {
  features = new nn.SequentialCell([
    new nn.Conv2d(1, 8, 5, { padMode: 'valid' }),
    new nn.BatchNorm2d(8),
    new nn.ReLU(),
    new nn.MaxPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Conv2d(8, 16, 5, { padMode: 'valid' }),
    new nn.BatchNorm2d(16),
    new nn.ReLU(),
    new nn.MaxPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Flatten(),
  ]);
  classifier = new nn.SequentialCell([
    new nn.Dense(16 * 4 * 4, 64, { activation: 'relu' }),
    new nn.Dropout({ p: 0.25 }),
    new nn.Dense(64, 10),
  ]);

  override construct(x: Tensor): Tensor {
    return this.classifier.call(this.features.call(ops.reshape(x, [-1, 1, 28, 28])) as Tensor) as Tensor;
  }
}

/** Gives BatchNorm statistics and affine Parameters values other than their 0/1 defaults. */
function randomizeNorms(net: Cell): void {
  for (const [name, p] of net.parametersAndNames() as Iterable<[string, Parameter]>) {
    if (/moving_variance|gamma/.test(name)) p.setData(ops.add(rand([...p.shape]), 0.5));
    else if (/moving_mean|beta/.test(name)) p.setData(randn([...p.shape], { stddev: 0.3 }));
  }
}

/** Exports `net` traced on `traced`, then compares onnxruntime with mindts at each of `batches`. */
async function checkModel(net: Cell, make: (batch: number) => unknown[], tracedBatch: number, batches: number[], axis = 0) {
  const model = await toOnnx(net, make(tracedBatch), { dynamicBatch: true, batchAxis: axis });
  expect(model.dynamicBatch).toBe(true);
  expect(model.inputs[0]?.dims[axis]).toBe('batch');
  for (const b of batches) {
    const args = make(b);
    await expectSameOutputs(model, flatTensors(args), (net.call as (...a: unknown[]) => unknown).apply(net, args));
  }
  return model;
}

describe('ONNX export runs in onnxruntime with mindts outputs', () => {
  it('an MLP (Dense + ReLU), batch open', async () => {
    const net = new nn.SequentialCell([new nn.Dense(784, 128, { activation: 'relu' }), new nn.Dense(128, 10)]);
    const model = await checkModel(net, (b) => [rand([b, 784])], 4, [4, 1, 7]);
    expect(model.inputs).toEqual([{ name: 'input', dtype: 'float32', dims: ['batch', 784] }]);
    expect(model.outputs).toEqual([{ name: 'output', dtype: 'float32', dims: ['batch', 10] }]);
  });

  it("the example's CNN (Conv2d, BatchNorm2d in inference, max pooling, Dropout), exported from training mode", async () => {
    const net = new LeNet();
    randomizeNorms(net);
    net.setTrain(true);
    const model = await toOnnx(net, [rand([2, 784])]);
    // Exported in inference mode; the Cells' modes are restored afterwards.
    expect([...net.cellsAndNames()].every(([, c]) => c.training)).toBe(true);
    net.setTrain(false);
    expect(model.dynamicBatch).toBe(true);
    for (const b of [2, 1, 5]) {
      const x = rand([b, 784]);
      await expectSameOutputs(model, [x], net.call(x));
    }
  });

  it('a TransformerEncoderLayer (batch first, eval, dropout 0)', async () => {
    const net = new nn.TransformerEncoderLayer(16, 4, { dimFeedforward: 32, dropout: 0, batchFirst: true });
    randomizeNorms(net);
    await checkModel(net, (b) => [randn([b, 6, 16])], 2, [2, 1, 3]);
  });

  it('a sequence-first, pre-norm GELU TransformerEncoderLayer, batch on axis 1', async () => {
    const net = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, activation: 'gelu', normFirst: true });
    randomizeNorms(net);
    await checkModel(net, (b) => [randn([5, b, 8])], 2, [2, 1, 4], 1);
  });

  it('a TransformerEncoder with a key-padding mask (a bool input; masked scores through Where)', async () => {
    const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, batchFirst: true });
    const net = new nn.TransformerEncoder(layer, 2, { norm: new nn.LayerNorm([8]) });
    // Row i keeps its first 5 - (i % 3) positions; true marks padding.
    const make = (b: number) => [
      randn([b, 5, 8]),
      null,
      tensor(
        Array.from({ length: b }, (_, i) => Array.from({ length: 5 }, (_, j) => j >= 5 - (i % 3))),
        'bool',
      ),
    ];
    const model = await checkModel(net, make, 3, [3, 1, 4]);
    expect(model.inputs.map((i) => [i.name, i.dtype])).toEqual([
      ['input_0', 'float32'],
      ['input_1', 'bool'],
    ]);
  });
});
