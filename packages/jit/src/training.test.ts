import { cpu } from '@mindts/backend-cpu';
import { wasm } from '@mindts/backend-wasm';
import { type Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { listBackends, memory, randn, registerBackend, setBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Jitted, jit } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
});

type Model = 'mlp' | 'cnn';

function model(kind: Model): Cell {
  if (kind === 'mlp') return new nn.SequentialCell([new nn.Dense(20, 16, { activation: 'relu' }), new nn.Dense(16, 4)]);
  return new nn.SequentialCell([
    new nn.Conv2d(1, 4, 3, { padMode: 'valid' }),
    new nn.BatchNorm2d(4),
    new nn.ReLU(),
    new nn.MaxPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Flatten(),
    new nn.Dropout({ p: 0.25 }),
    new nn.Dense(4 * 3 * 3, 4),
  ]);
}

/** A whole training step (forward, loss, backward, optimizer update) as one function. */
function setup(kind: Model, optimizer: 'adam' | 'momentum' | 'sgd') {
  setSeed(11);
  const net = model(kind);
  net.setTrain(true);
  const lossFn = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
  const params = net.trainableParams();
  const opt =
    optimizer === 'adam'
      ? new nn.Adam(params, { learningRate: 0.01 })
      : optimizer === 'momentum'
        ? new nn.Momentum(params, 0.05, 0.9)
        : new nn.SGD(params, { learningRate: 0.1 });
  const gradFn = ops.valueAndGrad((x: Tensor, y: Tensor) => lossFn.call(net.call(x) as Tensor, y), null, opt.parameters);
  const step = (x: Tensor, y: Tensor) => {
    const [loss, grads] = gradFn(x, y);
    opt.call(grads);
    return loss;
  };
  return { net, opt, step };
}

function data(kind: Model, batch: number, seed: number): [Tensor, Tensor] {
  setSeed(seed);
  const x = kind === 'mlp' ? randn([batch, 20]) : randn([batch, 1, 8, 8]);
  const y = tensor(
    Array.from({ length: batch }, (_, i) => (i * 7 + seed) % 4),
    'int32',
  );
  return [x, y];
}

function run(kind: Model, optimizer: 'adam' | 'momentum' | 'sgd', jitted: boolean, steps = 6) {
  const { net, opt, step } = setup(kind, optimizer);
  const f = jitted ? jit(step) : step;
  const batches = Array.from({ length: steps }, (_, i) => data(kind, 8, 100 + i));
  setSeed(5); // the dropout stream
  const losses = batches.map(([x, y]) => tidy(() => f(x, y).dataSync()[0] as number));
  const params = [...net.getParameters(), ...opt.getParameters()].map((p) => [p.name, Array.from(p.dataSync())] as const);
  for (const [x, y] of batches) {
    x.dispose();
    y.dispose();
  }
  return { losses, params, stats: jitted ? (f as Jitted<typeof step>).stats() : undefined };
}

describe('jit: whole training steps', () => {
  for (const backend of ['cpu', 'wasm']) {
    for (const [kind, optimizer] of [
      ['mlp', 'adam'],
      ['mlp', 'sgd'],
      ['cnn', 'momentum'],
    ] as const) {
      it(`${kind} + ${optimizer} on ${backend}: the jitted step gives the eager losses and parameters`, async () => {
        await setBackend(backend);
        const eager = run(kind, optimizer, false);
        const jitted = run(kind, optimizer, true);
        expect(jitted.stats).toMatchObject({ compiles: 1, cacheHits: 5, recompiles: [] });
        // The same kernels in the same order, fused loops rounding like the kernels: equal to the bit.
        expect(jitted.losses).toEqual(eager.losses);
        expect(jitted.params).toEqual(eager.params);
        if (kind === 'mlp') expect(eager.losses.at(-1)).toBeLessThan(eager.losses[0] as number);
        const s = jitted.stats as NonNullable<typeof jitted.stats>;
        // Fusion, folding and copy elision take out more than 40% of the traced kernels.
        expect(s.kernelsPerCall).toBeLessThan(s.tracedKernels * 0.6);
      });
    }
  }

  it('keeps memory flat over a jitted training loop (BatchNorm statistics and optimizer state updated in place)', async () => {
    await setBackend('cpu');
    const { step } = setup('cnn', 'adam');
    const f = jit(step);
    const [x, y] = data('cnn', 8, 1);
    const once = () => {
      f(x, y);
    };
    tidy(once);
    tidy(once);
    const before = memory();
    for (let i = 0; i < 20; i++) tidy(once);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  it('compiles once per backend, with the backend change as the reason', async () => {
    const f = jit((x: Tensor) => ops.mul(ops.add(x, 1), 2));
    const x = tensor([1, 2], 'float32');
    await setBackend('cpu');
    expect(Array.from((f(x) as Tensor).dataSync())).toEqual([4, 6]);
    await setBackend('wasm');
    expect(Array.from((f(x) as Tensor).dataSync())).toEqual([4, 6]);
    expect(Array.from((f(x) as Tensor).dataSync())).toEqual([4, 6]);
    expect(f.stats().recompiles.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^backend changed from cpu \(CpuBackend#\d+\) to wasm \(WasmBackend#\d+\)$/),
    ]);
    expect(f.stats().cacheHits).toBe(1);
  });
});
