import { keep, memory, slice, type Tensor, tensor, tidy, zeros } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu, vals } from './testing/harness.js';

beforeAll(useCpu);

const add = (a: Tensor, b: Tensor) => runKernel('Binary', [a, b], { op: 'add' });

describe('dispose', () => {
  it('frees storage and makes later use a clear error', () => {
    const base = memory();
    const x = tensor([1, 2, 3], 'float32');
    expect(memory().numTensors).toBe(base.numTensors + 1);
    expect(memory().numBytes).toBe(base.numBytes + 12);
    x.dispose();
    expect(x.isDisposed).toBe(true);
    expect(memory().numTensors).toBe(base.numTensors);
    expect(memory().numBytes).toBe(base.numBytes);
    const msg = /Tensor has been disposed \(shape=\[3\], dtype=float32\); it cannot be used again/;
    expect(() => x.dataSync()).toThrow(msg);
    expect(() => x.getItem(0)).toThrow(msg);
    expect(() => add(x, x)).toThrow(msg);
    expect(() => x.setItem(0, 1)).toThrow(msg);
    x.dispose();
    expect(memory().numTensors).toBe(base.numTensors);
  });
});

describe('tidy', () => {
  it('frees intermediates and keeps the returned tensors (also inside arrays and objects)', () => {
    const base = memory().numTensors;
    const x = tensor([1, 2, 3], 'float32');
    let inner: Tensor | undefined;
    const out = tidy(() => {
      inner = add(x, x);
      const y = add(inner, x);
      return { y, list: [add(y, x)] };
    });
    expect(inner?.isDisposed).toBe(true);
    expect(vals(out.y)).toEqual([3, 6, 9]);
    expect(vals(out.list[0]!)).toEqual([4, 8, 12]);
    expect(x.isDisposed).toBe(false);
    expect(memory().numTensors).toBe(base + 3);
    for (const t of [x, out.y, out.list[0]!]) t.dispose();
    expect(memory().numTensors).toBe(base);
  });

  it('keep() survives the scope; nested tidies hand results outward', () => {
    const base = memory().numTensors;
    let kept: Tensor | undefined;
    let innerResult: Tensor | undefined;
    const r = tidy(() => {
      kept = keep(zeros([2]));
      innerResult = tidy(() => add(zeros([2]), zeros([2])));
      return add(innerResult, innerResult);
    });
    expect(kept?.isDisposed).toBe(false);
    expect(innerResult?.isDisposed).toBe(true);
    expect(vals(r)).toEqual([0, 0]);
    kept?.dispose();
    r.dispose();
    expect(memory().numTensors).toBe(base);
  });

  it('frees everything when fn throws', () => {
    const base = memory().numTensors;
    expect(() =>
      tidy(() => {
        zeros([3]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memory().numTensors).toBe(base);
  });

  it('async tidy keeps its scope open until the promise settles', async () => {
    const base = memory();
    let mid: Tensor | undefined;
    const out = await tidy(async () => {
      mid = zeros([4]);
      await new Promise((r) => setTimeout(r, 1));
      const y = add(mid, mid);
      return y;
    });
    expect(mid?.isDisposed).toBe(true);
    expect(out.isDisposed).toBe(false);
    out.dispose();
    expect(memory().numTensors).toBe(base.numTensors);
    expect(memory().numBytes).toBe(base.numBytes);
    await expect(
      tidy(async () => {
        zeros([2]);
        throw new Error('async boom');
      }),
    ).rejects.toThrow('async boom');
    expect(memory().numTensors).toBe(base.numTensors);
  });
});

describe('using and memory()', () => {
  it('`using` disposes at the end of the block', () => {
    const base = memory().numTensors;
    let seen: Tensor | undefined;
    {
      using x = tensor([1, 2]);
      seen = x;
      expect(memory().numTensors).toBe(base + 1);
    }
    expect(seen.isDisposed).toBe(true);
    expect(memory().numTensors).toBe(base);
  });

  it('[Symbol.dispose]() is dispose()', () => {
    const x = tensor([1]);
    try {
      expect(x.isDisposed).toBe(false);
    } finally {
      x[Symbol.dispose]();
    }
    expect(x.isDisposed).toBe(true);
  });

  it('reports bytes per dtype: float16 2, float64 8, bool 1 per element; back to baseline after dispose', () => {
    const base = memory();
    const ts = [tensor([1, 2, 3], 'float16'), tensor([1, 2, 3], 'float64'), tensor([true, false, true]), tensor([1, 2, 3], 'int32')];
    const m = memory();
    expect(m.numBytes - base.numBytes).toBe(6 + 24 + 3 + 12);
    expect(m.backends.cpu!.buffers - base.backends.cpu!.buffers).toBe(4);
    for (const t of ts) t.dispose();
    expect(memory()).toEqual(base);
  });

  it('float16 storage rounds values to half precision', () => {
    const x = tensor([0.1, 1 / 3, 65504, 65520, 1e-8, 6e-8], 'float16');
    expect(vals(x)).toEqual([0.0999755859375, 0.333251953125, 65504, Infinity, 0, 2 ** -24]);
    x.dispose();
  });

  it('setItem swaps storage without leaking', () => {
    const x = tensor([1, 2, 3, 4], 'float32');
    const v = tensor([[5, 6]], 'int32');
    const base = memory();
    x.setItem(0, 9);
    x.setItem(slice(2), v);
    expect(vals(x)).toEqual([9, 2, 5, 6]);
    expect(memory()).toEqual(base);
    expect(() => x.setItem(0, [1, 2])).toThrow(/cannot be broadcast/);
    expect(memory()).toEqual(base);
    x.dispose();
    v.dispose();
  });
});
