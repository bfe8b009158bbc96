import { cpu } from '@mindts/backend-cpu';
import { loadMnist } from '@mindts/datasets';
import { listBackends, memory, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { MnistDataset } from './mnistDataset.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('MnistDataset', () => {
  it("gives MindSpore's columns: uint8 [28, 28, 1] images in 0–255 and int32 labels, loadMnist's images in order", () => {
    const before = memory().numTensors;
    const ds = new MnistDataset({ usage: 'test', numSamples: 50, shuffle: false });
    expect(ds.getColNames()).toEqual(['image', 'label']);
    expect(ds.getDatasetSize()).toBe(50);
    const rows = Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }));
    expect(memory().numTensors).toBe(before);
    const [image, label] = rows[0] ?? [];
    expect([image?.dtype, image?.shape, label?.dtype, label?.shape]).toEqual(['uint8', [28, 28, 1], 'int32', []]);
    const ref = loadMnist({ split: 'test', limit: 50 });
    const x = ref.images.dataSync();
    const y = ref.labels.dataSync();
    rows.forEach(([img, lab], i) => {
      expect(lab?.data[0]).toBe(y[i]);
      const pixels = x.subarray(i * 784, (i + 1) * 784);
      img?.data.forEach((v, k) => {
        expect(Math.abs(v / 255 - (pixels[k] as number))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
      });
    });
    ref.images.dispose();
    ref.labels.dispose();
  });

  it("holds 8,000 train, 2,000 test and 10,000 'all' images; shuffles by default", () => {
    expect(new MnistDataset({ usage: 'train' }).getDatasetSize()).toBe(8000);
    expect(new MnistDataset({ usage: 'test' }).getDatasetSize()).toBe(2000);
    expect(new MnistDataset().getDatasetSize()).toBe(10_000);
    const all = new MnistDataset({ numSamples: 100, shuffle: false });
    expect(Array.from(all.createTupleIterator({ numEpochs: 1, outputNumpy: true }))).toHaveLength(100);
    const labels = (ds: MnistDataset) => Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }), (r) => r[1]?.data[0]);
    const a = labels(new MnistDataset({ usage: 'test', numSamples: 40, shuffle: false }));
    const b = labels(new MnistDataset({ usage: 'test', numSamples: 40 }));
    expect(b).not.toEqual(a);
    expect([...b].sort()).toEqual([...a].sort());
  });

  it('checks its options', () => {
    expect(() => new MnistDataset({ usage: 'valid' as never })).toThrow("usage must be 'train', 'test' or 'all', but got \"valid\"");
    expect(() => new MnistDataset({ numSamples: 1.5 })).toThrow('numSamples must be an integer >= 1, but got 1.5');
    expect(() => new MnistDataset({ split: 'train' } as never)).toThrow("unknown option 'split' for MnistDataset");
  });
});
