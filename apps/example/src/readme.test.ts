import { cpu } from '@mindts/backend-cpu';
import { Cell, nn } from '@mindts/cell';
import { jit } from '@mindts/jit';
import * as ops from '@mindts/ops';
import { listBackends, memory, registerBackend, slice, type Tensor, tensor, tidy } from '@mindts/tensor';
import { describe, expect, it } from 'vitest';

// The README's usage snippet, kept runnable.
describe('README example', () => {
  it('runs as written', async () => {
    if (!listBackends().includes('cpu')) registerBackend(cpu());
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'float32',
    );
    const y = tidy(() => ops.softmax(ops.add(ops.mul(x, 2), 1)));
    expect(`${y}`).toMatch(/^Tensor\(shape=\[2, 3\], dtype=Float32, value=\n\[\[ 1\.58762410e-02, /);
    expect(await x.getItem([slice(), -1]).array()).toEqual([3, 6]);

    class Net extends Cell {
      dense = new nn.Dense(3, 2);
      override construct(input: Tensor) {
        return this.dense.call(input);
      }
    }
    const net = new Net();
    expect(net.trainableParams().map((p) => p.name)).toEqual(['dense.weight', 'dense.bias']);
    const lossFn = new nn.MSELoss();
    const forward = (input: Tensor, target: Tensor) => lossFn.call(net.call(input), target);
    const optimizer = new nn.Adam(net.trainableParams(), { learningRate: 1e-2 });
    const step = ops.valueAndGrad(forward, null, optimizer.parameters);
    const target = tensor(
      [
        [1, 0],
        [0, 1],
      ],
      'float32',
    );
    const losses: number[] = [];
    const live: number[] = [];
    for (let i = 0; i < 100; i++) {
      const [loss, grads] = step(x, target);
      losses.push(loss.dataSync()[0] as number);
      optimizer.call(grads);
      live.push(memory().numTensors);
    }
    expect(losses[99]).toBeLessThan(losses[0]! / 10);
    // The plain loop needs no tidy: each step's results are freed by the next step.
    expect(live[99]).toBe(live[1]);

    const trainStep = jit((input: Tensor, label: Tensor) => {
      const [loss, grads] = step(input, label);
      optimizer.call(grads);
      return loss;
    });
    const jitted: number[] = [];
    for (let i = 0; i < 100; i++) tidy(() => void jitted.push(trainStep(x, target).dataSync()[0] as number));
    expect(jitted[99]).toBeLessThan(losses[99]!);
    expect(trainStep.stats()).toMatchObject({ compiles: 1, cacheHits: 99 });
    expect(trainStep.lower(x, target).text()).toMatch(/^graph anonymous\(%0, %1\) \{/);
  });
});
