import { cpu } from '@mindts/backend-cpu';
import { keep, listBackends, memory, registerBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { isDisposed } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('a gradient function owns its results until its next call', () => {
  let w: Tensor & { requiresGrad: boolean };
  beforeAll(() => {
    w = Object.assign(tensor([1, 2, 3], 'float32'), { requiresGrad: true });
  });
  const f = (x: Tensor): [Tensor, Tensor] => [ops.sum(ops.mul(w, x)), ops.mul(x, 2)];

  it('frees the previous value, aux outputs and gradients at the next call, outside tidy', () => {
    const vg = ops.valueAndGrad(f, null, [w], { hasAux: true });
    const x = tensor([1, 1, 1], 'float32');
    const before = memory().numTensors;
    const [[loss, aux], [dw]] = vg(x);
    expect(memory().numTensors).toBe(before + 3);
    vg(x);
    expect([loss, aux, dw].map((t) => isDisposed(t as Tensor))).toEqual([true, true, true]);
    for (let i = 0; i < 20; i++) vg(x);
    expect(memory().numTensors).toBe(before + 3);
    expect(isDisposed(x) || isDisposed(w)).toBe(false);
  });

  it('leaves kept results, arguments passed back in, and results inside tidy alone', () => {
    const vg = ops.valueAndGrad(f, null, [w], { hasAux: true });
    const [[loss], [dw]] = vg(tensor([1, 0, 0], 'float32'));
    keep(loss);
    const [[, state]] = vg(tensor([0, 1, 0], 'float32'));
    expect(isDisposed(loss)).toBe(false);
    expect(isDisposed(dw as Tensor)).toBe(true);
    // An RNN-style state fed back in survives the call it is passed to.
    vg(state);
    expect(Array.from(state.dataSync())).toEqual([0, 2, 0]);
    vg(tensor([0, 0, 1], 'float32'));
    expect(isDisposed(state)).toBe(true);
    loss.dispose();
    // Inside tidy the scope decides: nothing is held across calls.
    const kept = tidy(() => {
      const [[a]] = vg(tensor([1, 1, 1], 'float32'));
      vg(tensor([1, 1, 1], 'float32'));
      expect(isDisposed(a)).toBe(false);
      return a;
    });
    expect(kept.dataSync()[0]).toBe(6);
  });

  it('grad() hands out gradients under the same rule', () => {
    const g = ops.grad((x: Tensor) => ops.sum(ops.square(x)));
    const x = tensor([1, 2], 'float32');
    const before = memory().numTensors;
    const d1 = g(x);
    expect(Array.from(d1.dataSync())).toEqual([2, 4]);
    g(x);
    expect(isDisposed(d1)).toBe(true);
    expect(memory().numTensors).toBe(before + 1);
  });
});
