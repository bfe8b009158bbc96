/**
 * Runs at build time in Node (through Vite's module runner, see digitsPlugin.ts): takes the page's
 * digits from `@mindts/datasets`, so the page trains on the package's own deterministic split.
 */
import { cpu } from '@mindts/backend-cpu';
import { loadMnist } from '@mindts/datasets';
import { listBackends, registerBackend, setBackend } from '@mindts/tensor';
import { type DigitSplit, encodeDigits } from '../digitsAsset.js';

/**
 * How many digits of each split the page gets, and the seed of their order.
 * @example
 * const counts: DigitCounts = { train: 2500, test: 500, seed: 1 };
 */
export interface DigitCounts {
  readonly train: number;
  readonly test: number;
  readonly seed: number;
}

/**
 * The first `counts.train` training and `counts.test` held-out digits of `loadMnist` (class-
 * balanced prefixes of its seeded order), packed by {@link encodeDigits}.
 * @example
 * const bytes = await digitsFromPackage({ train: 2500, test: 500, seed: 1 });
 */
export async function digitsFromPackage(counts: DigitCounts): Promise<Uint8Array> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
  const split = (which: 'train' | 'test', limit: number): DigitSplit => {
    const { images, labels } = loadMnist({ split: which, limit, seed: counts.seed });
    try {
      return { images: images.dataSync(), labels: labels.dataSync() };
    } finally {
      images.dispose();
      labels.dispose();
    }
  };
  return encodeDigits({ train: split('train', counts.train), test: split('test', counts.test) });
}
