import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { listBackends, randn, registerBackend, setBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Jitted, jit } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

/** Trains a TransformerEncoderLayer for a few Adam steps, eagerly or jitted; returns the losses and Parameters. */
function run(jitted: boolean, dropout: number) {
  setSeed(3);
  const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout, normFirst: true, activation: 'gelu' });
  layer.setTrain(true);
  const opt = new nn.Adam(layer.trainableParams(), { learningRate: 0.01 });
  const mask = tensor(
    [
      [false, true, true],
      [false, false, true],
      [false, false, false],
    ],
    'bool',
  );
  const gradFn = ops.valueAndGrad((x: Tensor, y: Tensor) => ops.mean(ops.square(ops.sub(layer.call(x, mask), y))), null, opt.parameters);
  const step = (x: Tensor, y: Tensor) => {
    const [loss, grads] = gradFn(x, y);
    opt.call(grads);
    return loss;
  };
  const f = jitted ? jit(step) : step;
  setSeed(9);
  const batches = Array.from({ length: 4 }, () => [randn([3, 2, 8]), randn([3, 2, 8])] as const);
  setSeed(5); // the dropout stream
  const losses = batches.map(([x, y]) => tidy(() => f(x, y).dataSync()[0] as number));
  const params = [...layer.getParameters(), ...opt.getParameters()].map((p) => [p.name, Array.from(p.dataSync())] as const);
  return { losses, params, stats: jitted ? (f as Jitted<typeof step>).stats() : undefined };
}

describe('jit: a TransformerEncoderLayer training step', () => {
  for (const dropout of [0, 0.1]) {
    it(`equals the eager step (valueAndGrad + nn.Adam, dropout ${dropout})`, () => {
      const eager = run(false, dropout);
      const jitted = run(true, dropout);
      expect(jitted.stats).toMatchObject({ compiles: 1, cacheHits: 3, recompiles: [] });
      expect(jitted.losses).toEqual(eager.losses);
      expect(jitted.params).toEqual(eager.params);
      expect(eager.losses.at(-1)).toBeLessThan(eager.losses[0] as number);
    });
  }
});
