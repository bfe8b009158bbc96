/**
 * `MnistDataset`: MNIST as MindSpore's `mindspore.dataset.MnistDataset` reads it, from the digits
 * `@mindts/datasets` ships (nothing downloaded, no directory).
 */
import { checkOptions, type OptionKeys } from '@mindts/tensor';
import { loadMnist, MNIST_SIZE, mnistSizes } from '@mindts/datasets';
import { Dataset } from '../dataset.js';
import type { HostArray } from '../hostArray.js';
import { checkInt } from '../pipeline.js';
import { stageSeed } from '../seedState.js';
import { arraysPipeline } from './arraysPipeline.js';

/**
 * Options of {@link MnistDataset}.
 * @example
 * new MnistDataset({ usage: 'test', numSamples: 500, shuffle: false });
 */
export interface MnistDatasetOptions {
  /** 'train' (8,000 images), 'test' (2,000, never in train) or 'all' (both; the default, as MindSpore). */
  usage?: 'train' | 'test' | 'all';
  /** At most this many images: a class-balanced subset (default: all). */
  numSamples?: number;
  /** Read in a new random order each epoch (default true, seeded by `config.setSeed`). */
  shuffle?: boolean;
}

const KEYS: OptionKeys<MnistDatasetOptions> = { usage: true, numSamples: true, shuffle: true };
const WHERE = 'MnistDataset';

/** One split's images as 0–255 bytes and its labels, read once from `loadMnist`. */
function readSplit(split: 'train' | 'test', limit: number | undefined): { images: Uint8Array; labels: Int32Array } {
  const { images, labels } = loadMnist(limit === undefined ? { split } : { split, limit });
  try {
    const x = images.dataSync();
    const bytes = new Uint8Array(x.length);
    for (let i = 0; i < x.length; i++) bytes[i] = Math.round((x[i] as number) * 255);
    return { images: bytes, labels: labels.dataSync().slice() };
  } finally {
    images.dispose();
    labels.dispose();
  }
}

/**
 * MNIST digits as MindSpore's `MnistDataset` gives them: columns `image` (uint8 `[28, 28, 1]`,
 * HWC, 0–255) and `label` (int32 scalar; MindSpore's is uint32, which mindts has not). The images
 * are the 10,000 real digits of `@mindts/datasets` (`loadMnist`'s 8,000/2,000 split), read from
 * disk at the first use, so MindSpore's `dataset_dir` has no counterpart. `numSamples` keeps a
 * class-balanced subset.
 * @example
 * const train = new MnistDataset({ usage: 'train', numSamples: 256 })
 *   .map([new transforms.Rescale(1 / 255, 0), new transforms.HWC2CHW()], 'image')
 *   .batch(32);
 * train.getDatasetSize(); // 8
 */
export class MnistDataset extends Dataset {
  constructor(options?: MnistDatasetOptions) {
    const { usage = 'all', numSamples, shuffle } = checkOptions<MnistDatasetOptions>(options, WHERE, KEYS);
    if (usage !== 'train' && usage !== 'test' && usage !== 'all') {
      throw new RangeError(`${WHERE}: usage must be 'train', 'test' or 'all', but got ${JSON.stringify(usage)}.`);
    }
    if (numSamples !== undefined) checkInt(numSamples, 'numSamples', WHERE, 1);
    if (shuffle !== undefined && typeof shuffle !== 'boolean')
      throw new TypeError(`${WHERE}: shuffle must be a boolean, but got ${JSON.stringify(shuffle)}.`);
    const sizes = mnistSizes();
    const total = usage === 'all' ? sizes.train.total + sizes.test.total : sizes[usage].total;
    const length = Math.min(total, numSamples ?? total);
    let data: { images: Uint8Array; labels: Int32Array } | undefined;
    const load = () => {
      if (data) return data;
      if (usage !== 'all') return (data = readSplit(usage, numSamples));
      // 'all' with numSamples: each split gives its share, so the subset stays class-balanced.
      const trainShare = numSamples === undefined ? undefined : Math.round((length * sizes.train.total) / total);
      const none = { images: new Uint8Array(0), labels: new Int32Array(0) };
      const a = trainShare === 0 ? none : readSplit('train', trainShare);
      const b = trainShare === length ? none : readSplit('test', trainShare === undefined ? undefined : length - trainShare);
      const images = new Uint8Array(a.images.length + b.images.length);
      images.set(a.images);
      images.set(b.images, a.images.length);
      const labels = new Int32Array(a.labels.length + b.labels.length);
      labels.set(a.labels);
      labels.set(b.labels, a.labels.length);
      return (data = { images, labels });
    };
    const arrays = (): HostArray[] => {
      const { images, labels } = load();
      return [
        { data: images, shape: [length, MNIST_SIZE, MNIST_SIZE, 1], dtype: 'uint8' },
        { data: labels, shape: [length], dtype: 'int32' },
      ];
    };
    super(arraysPipeline(['image', 'label'], arrays, length, (shuffle ?? true) ? stageSeed() : undefined, undefined));
  }
}
