import { cpu } from '@mindts/backend-cpu';
import { fromValues, keep, listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { isDisposed } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Batch, batchCount, batches } from './batches.js';
import { permutation, seededRandom } from './random.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** 10 rows of [2, 2] images whose values name their row (row r holds 10r..10r+3) and labels r. */
const data = () => ({
  images: fromValues(
    Array.from({ length: 40 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)),
    [10, 2, 2],
    'float32',
  ),
  labels: fromValues(
    Array.from({ length: 10 }, (_, i) => i),
    [10],
    'int32',
  ),
});

describe('batches', () => {
  it('yields consecutive rows with the last batch smaller, keeping trailing dims and dtypes', () => {
    const { images, labels } = data();
    const out = Array.from(batches(images, labels, 4), (b) => ({ images: keep(b.images), labels: keep(b.labels) }));
    expect(out.map((b) => b.images.shape)).toEqual([
      [4, 2, 2],
      [4, 2, 2],
      [2, 2, 2],
    ]);
    expect(out.map((b) => Array.from(b.labels.dataSync()))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(Array.from(out[2]?.images.dataSync() ?? [])).toEqual([80, 81, 82, 83, 90, 91, 92, 93]);
    expect(out[0]?.images.dtype).toBe('float32');
    expect(out[0]?.labels.dtype).toBe('int32');
    expect(batchCount(10, 4)).toBe(3);
  });

  it('drops the remainder when asked', () => {
    const { images, labels } = data();
    expect([...batches(images, labels, 4, { dropRemainder: true })]).toHaveLength(2);
    expect(batchCount(10, 4, true)).toBe(2);
  });

  it('shuffles by seed: every row once, image and label kept together, same seed same order', () => {
    const { images, labels } = data();
    const order = (seed: number) =>
      Array.from(batches(images, labels, 3, { shuffle: true, seed }), (b) => {
        const x = b.images.dataSync();
        return Array.from(b.labels.dataSync(), (l, i) => {
          expect(x[4 * i]).toBe(10 * l);
          return l;
        });
      }).flat();
    const a = order(1);
    expect([...a].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order(1)).toEqual(a);
    expect(order(2)).not.toEqual(a);
  });

  it('makes only the batches it yields: disposing them leaves no tensors behind', () => {
    const { images, labels } = data();
    const before = memory().numTensors;
    for (const b of batches(images, labels, 4)) {
      b.images.dispose();
      b.labels.dispose();
    }
    expect(memory().numTensors).toBe(before);
  });

  it('owns its batches: each lives until the next one, so a plain loop (or a break) leaves nothing behind', () => {
    const { images, labels } = data();
    const before = memory();
    let previous: Batch | undefined;
    for (const b of batches(images, labels, 3)) {
      expect(memory().numTensors).toBe(before.numTensors + 2);
      if (previous) expect(isDisposed(previous.images) && isDisposed(previous.labels)).toBe(true);
      expect(b.images.dataSync().length).toBe(b.images.size);
      previous = b;
    }
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
    for (const b of batches(images, labels, 3)) if (b.labels.shape[0] === 3) break;
    expect(memory().numTensors).toBe(before.numTensors);
  });

  it('leaves a kept batch to the caller', () => {
    const { images, labels } = data();
    const before = memory().numTensors;
    let kept: Batch | undefined;
    for (const b of batches(images, labels, 4)) kept ??= { images: keep(b.images), labels: keep(b.labels) };
    expect(Array.from(kept?.labels.dataSync() ?? [])).toEqual([0, 1, 2, 3]);
    expect(memory().numTensors).toBe(before + 2);
    kept?.images.dispose();
    kept?.labels.dispose();
  });

  it('checks its arguments at the call', () => {
    const { images, labels } = data();
    expect(() => batches(images, fromValues([1, 2], [2], 'int32'), 4)).toThrow('labels must be [10]');
    expect(() => batches(images, labels, 0)).toThrow('batchSize must be a positive integer, but got 0');
    expect(() => batches(images, labels, 4, { shuffle: true, seed: 1.5 })).toThrow('seed must be an integer');
  });
});

describe('seeded random', () => {
  it('is uniform in [0, 1) and repeatable', () => {
    const next = seededRandom(42);
    const xs = Array.from({ length: 10_000 }, next);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(seededRandom(42)()).toBe(xs[0]);
  });

  it('permutes every index exactly once', () => {
    const p = Array.from(permutation(100, 5));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('bad arguments', () => {
  it('batches refuses what is not a live Tensor, and batchCount what is not a count', () => {
    const y = tensor([0, 1], 'int32');
    expect(() => batches(null as never, y, 1)).toThrow('batches: images must be a live Tensor, but got null.');
    const d = tensor([1, 2]);
    d.dispose();
    expect(() => batches(d, y, 1)).toThrow('batches: images must be a live Tensor, but got a disposed Tensor.');
    expect(() => batches(y, 'abc' as never, 1)).toThrow('batches: labels must be a live Tensor, but got string.');
    expect(() => batchCount(Number.NaN, 2)).toThrow('batchCount: n must be a non-negative integer, but got NaN.');
    expect(() => batchCount(10, 0)).toThrow('batchCount: batchSize must be a positive integer, but got 0.');
    expect(batchCount(10, 3)).toBe(4);
    y.dispose();
  });
});
