import { cpu } from '@mindts/backend-cpu';
import { loadMnist } from '@mindts/datasets';
import { listBackends, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsFromPackage } from './build/digitsFromPackage.js';
import { DIGIT_PIXELS, decodeDigits, encodeDigits } from './digitsAsset.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const split = (labels: number[]) => ({
  labels: Int32Array.from(labels),
  images: Float32Array.from({ length: labels.length * DIGIT_PIXELS }, (_, i) => (i % 256) / 255),
});

describe('the digits file', () => {
  it('round-trips labels exactly and 8-bit pixels exactly', () => {
    const digits = { train: split([3, 1, 4]), test: split([1, 5]) };
    const bytes = encodeDigits(digits);
    expect(bytes.length).toBe(16 + 5 * (1 + DIGIT_PIXELS));
    const back = decodeDigits(bytes);
    expect(Array.from(back.train.labels)).toEqual([3, 1, 4]);
    expect(Array.from(back.test.labels)).toEqual([1, 5]);
    expect(back.train.images).toEqual(digits.train.images);
    expect(back.test.images).toEqual(digits.test.images);
  });

  it('holds the first digits of @mindts/datasets in its order, pixels within half a byte step', async () => {
    const back = decodeDigits(await digitsFromPackage({ train: 40, test: 10, seed: 1 }));
    for (const which of ['train', 'test'] as const) {
      const { images, labels } = loadMnist({ split: which, limit: which === 'train' ? 40 : 10, seed: 1 });
      expect(Array.from(back[which].labels)).toEqual(Array.from(labels.dataSync()));
      const want = images.dataSync();
      const worst = back[which].images.reduce((m, v, i) => Math.max(m, Math.abs(v - (want[i] as number))), 0);
      expect(worst).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
      images.dispose();
      labels.dispose();
    }
  });

  it('refuses what it cannot store, naming the argument', () => {
    const good = split([1]);
    expect(() => encodeDigits({ train: { ...good, images: new Float32Array(10) }, test: good })).toThrow(
      'train.images must hold 1 × 784 = 784 pixels for its 1 labels, but holds 10',
    );
    expect(() => encodeDigits({ train: good, test: { ...good, labels: Int32Array.from([12]) } })).toThrow(
      'test.labels[0] must be a digit 0–9, but is 12',
    );
    const bright = Float32Array.from(good.images);
    bright[5] = 1.5;
    expect(() => encodeDigits({ train: { ...good, images: bright }, test: good })).toThrow('train.images[5] must be in [0, 1], but is 1.5');
  });

  it('refuses files that are not digits files, saying what is wrong', () => {
    const bytes = encodeDigits({ train: split([2]), test: split([7]) });
    expect(() => decodeDigits(bytes.subarray(0, 8))).toThrow('a 16-byte header, but got 8 bytes');
    expect(() => decodeDigits(bytes.subarray(0, bytes.length - 1))).toThrow(
      `1 + 1 digits take ${bytes.length} bytes, but the file has ${bytes.length - 1}`,
    );
    const foreign = Uint8Array.from(bytes);
    foreign[0] = 0;
    expect(() => decodeDigits(foreign)).toThrow('not a digits file');
    const badLabel = Uint8Array.from(bytes);
    badLabel[17] = 200;
    expect(() => decodeDigits(badLabel)).toThrow('label 1 must be a digit 0–9, but is 200');
  });
});
