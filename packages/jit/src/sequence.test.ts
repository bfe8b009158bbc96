import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { fromValues, listBackends, registerBackend, setBackend, type Tensor } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { jit } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const arr = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);
const seeded = (shape: number[], seed: number) =>
  fromValues(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => randomValue('uniform', seed, 0, i, -2, 2)),
    shape,
    'float32',
  );

/** Causal scores, their running sums, and the top of each row: the new primitives and composed ops together. */
function step(x: Tensor, w: Tensor): Tensor[] {
  const scores = ops.einsum('bqd,bkd->bqk', x, w);
  const causal = ops.triu(ops.greater(ops.add(ops.mul(scores, 0), 1), 0), 1);
  const masked = ops.maskedFill(scores, causal, -1e9);
  const [sorted, order] = ops.sort(masked, { descending: true });
  const [top] = ops.topk(ops.softmax(masked), 2);
  return [ops.cumsum(sorted, -1), order, top, ops.cumprod(ops.tril(scores), 1), ops.pad(scores, [1, 1], { mode: 'reflect' })];
}

describe('jit traces and replays the sequence-model ops', () => {
  it('a jitted function with cumsum, sort, topk, maskedFill, tril/triu, einsum and pad equals eager', () => {
    const f = jit(step);
    for (const seed of [1, 2, 3]) {
      const x = seeded([2, 4, 3], seed);
      const w = seeded([2, 4, 3], seed + 10);
      const eager = step(x, w).map(arr);
      const jitted = (f(x, w) as Tensor[]).map(arr);
      expect(jitted).toEqual(eager);
    }
    expect(f.stats()).toMatchObject({ calls: 3, compiles: 1, cacheHits: 2 });
  });
});
