/**
 * What `train` trains on: MNIST digits for the classifiers, English words for the language
 * models; both as an `x` and a `y` tensor per split, so one loop trains them all.
 */
import { loadMnist, loadWords, WORD_VOCABULARY } from '@mindts/datasets';
import type { Tensor } from '@mindts/tensor';
import { bigramLoss, fitBigram } from './bigram.js';
import { GPT_CONFIG, type LanguageModelName, LANGUAGE_MODEL_NAMES } from './languageModels.js';
import type { ModelName } from './models.js';

/**
 * Every model `train --model` accepts: the MNIST classifiers and the language models.
 * @example
 * const name: AnyModelName = 'gpt';
 */
export type AnyModelName = ModelName | LanguageModelName;

/**
 * Whether `model` is a language model (trained on words) rather than an MNIST classifier.
 * @example
 * isLanguageModel('lstm'); // true
 */
export function isLanguageModel(model: AnyModelName): model is LanguageModelName {
  return (LANGUAGE_MODEL_NAMES as readonly string[]).includes(model);
}

/**
 * Held-out words the language models are evaluated on each epoch when no `testLimit` is given:
 * a fixed sample keeps the evaluation to a few seconds.
 * @example
 * LANGUAGE_TEST_WORDS; // 2000
 */
export const LANGUAGE_TEST_WORDS = 2000;

/**
 * One split: `x` (images `[n, 784]`, or word contexts `[n, 16]`) and `y` (labels `[n]`, or
 * next-token targets `[n, 16]` with −100 past each word's end).
 * @example
 * const { x, y }: Split = data.train;
 */
export interface Split {
  readonly x: Tensor;
  readonly y: Tensor;
}

/**
 * The data of a run, and for words the bigram baseline's held-out loss (nats per character).
 * @example
 * const data = loadTrainingData('gpt', { limit: 12_000, seed: 1 });
 */
export interface TrainingData {
  readonly train: Split;
  readonly test: Split;
  /** 'MNIST' or 'English words'. */
  readonly name: string;
  /** What one row is, plural: 'images' or 'words'. */
  readonly rows: string;
  /** The bigram model's held-out loss in nats per predicted character (null for MNIST). */
  readonly baseline: number | null;
  dispose(): void;
}

/**
 * Loads what `model` trains on: at most `limit` training rows (all when null) and `testLimit`
 * held-out rows (all 2,000 digits, or {@link LANGUAGE_TEST_WORDS} words, when null).
 * @example
 * const data = loadTrainingData('mlp', { limit: 2000, testLimit: null, seed: 1 });
 * data.dispose();
 */
export function loadTrainingData(
  model: AnyModelName,
  options: { readonly limit: number | null; readonly testLimit?: number | null; readonly seed: number },
): TrainingData {
  const limit = options.limit ?? undefined;
  const { seed } = options;
  let train: Split;
  let test: Split;
  let baseline: number | null = null;
  if (isLanguageModel(model)) {
    const contextLength = GPT_CONFIG.contextLength;
    const words = loadWords({ split: 'train', limit, seed, contextLength });
    const held = loadWords({ split: 'test', limit: options.testLimit ?? LANGUAGE_TEST_WORDS, seed, contextLength });
    train = { x: words.inputs, y: words.targets };
    test = { x: held.inputs, y: held.targets };
    const bigram = fitBigram(words.inputs.dataSync(), words.targets.dataSync(), WORD_VOCABULARY.size);
    baseline = bigramLoss(bigram, held.inputs.dataSync(), held.targets.dataSync());
  } else {
    const a = loadMnist({ split: 'train', limit, seed });
    const b = loadMnist({ split: 'test', limit: options.testLimit ?? undefined, seed });
    train = { x: a.images, y: a.labels };
    test = { x: b.images, y: b.labels };
  }
  const language = isLanguageModel(model);
  return {
    train,
    test,
    name: language ? 'English words' : 'MNIST',
    rows: language ? 'words' : 'images',
    baseline,
    dispose: () => {
      for (const t of [train.x, train.y, test.x, test.y]) t.dispose();
    },
  };
}
