/**
 * More layers exported and run in onnxruntime-node: recurrent layers (their time loop unrolled
 * by the trace), Conv1d, Embedding with integer tokens, GroupNorm, pooling layers.
 */
import { cpu } from '@mindts/backend-cpu';
import { type Cell, nn } from '@mindts/cell';
import { listBackends, randn, registerBackend, setBackend, setSeed, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameOutputs, flatTensors } from './ort.testkit.js';
import { toOnnx } from './toOnnx.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  setBackend('cpu');
  setSeed(3);
});

const CASES: readonly [string, () => Cell, (batch: number) => unknown[]][] = [
  ['an LSTM (2 layers, batch first)', () => new nn.LSTM(4, 6, { numLayers: 2, batchFirst: true }), (b) => [randn([b, 5, 4])]],
  ['a GRU', () => new nn.GRU(4, 5, { batchFirst: true }), (b) => [randn([b, 3, 4])]],
  ['an RNN with tanh', () => new nn.RNN(3, 4, { batchFirst: true }), (b) => [randn([b, 4, 3])]],
  ['Conv1d', () => new nn.Conv1d(3, 4, 3, { padMode: 'pad', padding: 1, stride: 2 }), (b) => [randn([b, 3, 9])]],
  [
    'Embedding of int32 tokens',
    () => new nn.Embedding(10, 6),
    (b) => [
      tensor(
        Array.from({ length: b * 4 }, (_, i) => (i * 3) % 10),
        'int32',
      ).reshape([b, 4]),
    ],
  ],
  ['GroupNorm', () => new nn.GroupNorm(2, 4), (b) => [randn([b, 4, 3, 3])]],
  [
    'AvgPool2d and AdaptiveAvgPool2d',
    () => new nn.SequentialCell([new nn.AvgPool2d({ kernelSize: 2, stride: 1 }), new nn.AdaptiveAvgPool2d([2, 2])]),
    (b) => [randn([b, 2, 5, 5])],
  ],
];

describe('more layers export and run in onnxruntime', () => {
  it('a bidirectional LSTM, at its traced batch size: its time reversal indexes with a host-built range of the batch size', async () => {
    const net = new nn.LSTM(4, 6, { numLayers: 2, bidirectional: true, batchFirst: true });
    const x = randn([2, 5, 4]);
    const model = await toOnnx(net, [x]);
    expect(model.dynamicBatch).toBe(false);
    expect(model.fixedBatchReason).toBe('a constant built inside the network changes with the batch size');
    await expectSameOutputs(model, [x], net.call(x));
  });

  for (const [name, make, inputs] of CASES) {
    it(name, async () => {
      const net = make();
      const model = await toOnnx(net, inputs(2));
      expect(model.fixedBatchReason).toBe(null);
      for (const b of [2, 3]) {
        const args = inputs(b);
        await expectSameOutputs(model, flatTensors(args), (net.call as (...a: unknown[]) => unknown).apply(net, args));
      }
    });
  }
});
