// A user's first model through the umbrella only: `ms.` for everything, on the default engine.
import { expect, it } from 'vitest';
import * as ms from './index.js';

class Net extends ms.Cell {
  dense = new ms.nn.Dense(3, 2);
  override construct(x: ms.Tensor): ms.Tensor {
    return this.dense.call(x);
  }
}

it('tensor → Dense → loss → grad → optimizer step, through ms. only', async () => {
  const { backend } = await ms.useDefaultBackends({ wasm: { threads: 1 } });
  expect(backend.name).toBe('wasm');
  ms.setSeed(1);
  const net = new Net();
  expect(net.trainableParams().map((p) => p.name)).toEqual(['dense.weight', 'dense.bias']);
  const x = ms.tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    ms.float32,
  );
  const target = ms.tensor(
    [
      [1, 0],
      [0, 1],
    ],
    ms.float32,
  );
  const lossFn = new ms.nn.MSELoss();
  const optimizer = new ms.nn.SGD(net.trainableParams(), { learningRate: 0.01 });
  const step = ms.valueAndGrad((input: ms.Tensor, label: ms.Tensor) => lossFn.call(net.call(input), label), null, optimizer.parameters);
  const weightBefore = await net.dense.weight.data();
  const losses: number[] = [];
  for (let i = 0; i < 50; i++) {
    const loss = ms.tidy(() => {
      const [value, grads] = step(x, target);
      optimizer.call(grads);
      return ms.keep(value);
    });
    losses.push((await loss.data())[0] as number);
    loss.dispose();
  }
  expect(await net.dense.weight.data()).not.toEqual(weightBefore); // the step updated the Parameter in place
  expect(losses[49]).toBeLessThan(losses[0] as number);
  expect(losses[49]).toBeLessThan(0.5 * (losses[0] as number));
  // The same step compiled with ms.jit gives the same next loss as the eager step.
  const trainStep = ms.jit((input: ms.Tensor, label: ms.Tensor) => {
    const [value, grads] = step(input, label);
    optimizer.call(grads);
    return value;
  });
  const jitted = ms.tidy(() => ms.keep(trainStep(x, target)));
  expect((await jitted.data())[0]).toBeLessThan(losses[49] as number);
  net.dispose();
});
