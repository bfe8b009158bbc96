/**
 * MindSpore's quickstart training loop, written as MindSpore users write it: no `tidy`, no
 * `dispose`. Live tensors and bytes must stay flat on every backend (the ownership rules: a
 * gradient function's results live until its next call, an optimizer frees the gradients it is
 * handed, a batch iterator frees the batch it handed out when it hands the next).
 */
import { cpu } from '@mindts/backend-cpu';
import { gpujs } from '@mindts/backend-gpujs';
import { wasm } from '@mindts/backend-wasm';
import { Cell, nn } from '@mindts/cell';
import { batches, loadMnist } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { listBackends, memory, ready, registerBackend, removeBackend, setBackend, type Tensor } from '@mindts/tensor';
import { afterAll, describe, expect, it } from 'vitest';

class Network extends Cell {
  flatten = new nn.Flatten();
  denseReluSequential = new nn.SequentialCell([new nn.Dense(784, 32), new nn.ReLU(), new nn.Dense(32, 10)]);
  override construct(x: Tensor): Tensor {
    return this.denseReluSequential.call(this.flatten.call(x)) as Tensor;
  }
}

const BACKENDS: [string, () => void][] = [
  ['loop-cpu', () => registerBackend(cpu({ name: 'loop-cpu' }))],
  ['loop-wasm', () => registerBackend(wasm({ name: 'loop-wasm', threads: 1 }))],
  ['loop-gpujs', () => registerBackend(gpujs({ name: 'loop-gpujs', mode: 'webasm', cpuThreshold: 0 }))],
];

afterAll(() => {
  for (const name of listBackends()) if (name.startsWith('loop-')) removeBackend(name);
});

/** Live tensors and bytes after `steps` steps of the quickstart loop, sampled at each epoch end. */
function quickstart(epochs: number): { numTensors: number; numBytes: number; loss: number }[] {
  const { images, labels } = loadMnist({ split: 'train', limit: 320 });
  const model = new Network();
  const lossFn = new nn.CrossEntropyLoss();
  const optimizer = new nn.SGD(model.trainableParams(), { learningRate: 1e-2 });
  // def forward_fn(data, label): logits = model(data); loss = loss_fn(logits, label); return loss, logits
  const forwardFn = (data: Tensor, label: Tensor) => {
    const logits = model.call(data) as Tensor;
    const loss = lossFn.call(logits, label) as Tensor;
    return [loss, logits];
  };
  const gradFn = ops.valueAndGrad(forwardFn, null, optimizer.parameters, { hasAux: true });
  const trainStep = (data: Tensor, label: Tensor) => {
    const [[loss], grads] = gradFn(data, label) as [Tensor[], Tensor[]];
    optimizer.call(grads);
    return loss as Tensor;
  };
  const samples: { numTensors: number; numBytes: number; loss: number }[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let loss = Number.NaN;
    for (const { images: data, labels: label } of batches(images, labels, 32, { shuffle: true, seed: epoch })) {
      loss = trainStep(data, label).dataSync()[0] as number;
    }
    const { numTensors, numBytes } = memory();
    samples.push({ numTensors, numBytes, loss });
  }
  return samples;
}

describe('the MindSpore quickstart loop without tidy or dispose', () => {
  for (const [name, register] of BACKENDS) {
    it(`keeps live tensors and bytes flat on ${name}`, async () => {
      register();
      setBackend(name);
      await ready();
      const samples = quickstart(6);
      // After the first epoch (optimizer state, kernels warmed up), nothing grows: 5 epochs × 10 steps.
      const first = samples[0] as (typeof samples)[number];
      for (const s of samples.slice(1)) {
        expect(s.numTensors).toBe(first.numTensors);
        expect(s.numBytes).toBe(first.numBytes);
      }
      expect((samples.at(-1) as (typeof samples)[number]).loss).toBeLessThan(first.loss);
    });
  }
});
