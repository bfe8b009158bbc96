import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { listBackends, memory, registerBackend, type Tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as config from './config.js';
import { MnistDataset } from './sources/mnistDataset.js';
import { Rescale } from './transforms/rescale.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('a MindSpore-style training loop fed by a pipeline', () => {
  it('trains without tidy and keeps memory flat from epoch to epoch', async () => {
    config.setSeed(2);
    const flat = (x: { data: ArrayLike<number> }) => ({ data: x.data as Float32Array, shape: [784], dtype: 'float32' as const });
    const train = new MnistDataset({ usage: 'train', numSamples: 256 }).map([new Rescale(1 / 255, 0), flat], 'image').batch(32);
    const net = new nn.SequentialCell([new nn.Dense(784, 32), new nn.ReLU(), new nn.Dense(32, 10)]);
    const lossFn = new nn.CrossEntropyLoss();
    const opt = new nn.SGD(net.trainableParams(), 0.5);
    const gradFn = ops.valueAndGrad((x: Tensor, y: Tensor) => lossFn.call(net.call(x), y), null, opt.parameters);
    const it = train.createTupleIterator({ numEpochs: 4 });
    const losses: number[] = [];
    const live: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      let sum = 0;
      for (const [image, label] of it) {
        const [loss, grads] = gradFn(image as Tensor, label as Tensor);
        opt.call(grads);
        sum += loss.dataSync()[0] as number;
      }
      losses.push(sum / train.getDatasetSize());
      live.push(memory().numTensors);
      // The async form, one pass per epoch too.
      if (epoch === 3) for await (const [image] of train) expect((image as Tensor).shape).toEqual([32, 784]);
    }
    expect(live[3]).toBe(live[1]);
    expect(live[2]).toBe(live[1]);
    expect(losses[3]).toBeLessThan((losses[0] as number) * 0.8);
  });
});
