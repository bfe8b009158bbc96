/**
 * The MNIST digits the page trains on, as one small binary file built from `@mindts/datasets` at
 * build time (see build/digitsPlugin.ts): the package reads its digits from disk with `node:fs`,
 * which a browser has not, so the page fetches this file from its own origin instead. Pixels are
 * stored as bytes (`round(v × 255)`): the package's values are 8-bit intensities rounded to three
 * decimals, so a byte keeps them to within 0.0005 at a quarter of the size of float32.
 *
 * Layout, little-endian: four uint32 (magic `MNDG`, version 1, train count, test count), the train
 * labels then the test labels (one byte each), then the train pixels then the test pixels (784
 * bytes per image, rows top to bottom).
 */

/** Pixels per image (28 × 28). */
export const DIGIT_PIXELS = 784;

const MAGIC = 0x47444e4d; // 'MNDG' read as a little-endian uint32
const VERSION = 1;
const HEADER_BYTES = 16;

/**
 * One split: `images` holds `count × 784` pixels in [0, 1], `labels` the digit 0–9 of each image.
 * @example
 * const split: DigitSplit = { images: new Float32Array(784), labels: new Int32Array([7]) };
 */
export interface DigitSplit {
  readonly images: Float32Array;
  readonly labels: Int32Array;
}

/**
 * The training and held-out digits of the page.
 * @example
 * const { train, test }: Digits = decodeDigits(bytes);
 */
export interface Digits {
  readonly train: DigitSplit;
  readonly test: DigitSplit;
}

function checkSplit(split: DigitSplit, which: string): number {
  const count = split.labels.length;
  if (split.images.length !== count * DIGIT_PIXELS) {
    throw new RangeError(
      `encodeDigits: ${which}.images must hold ${count} × ${DIGIT_PIXELS} = ${count * DIGIT_PIXELS} pixels for its ${count} labels, but holds ${split.images.length}.`,
    );
  }
  const badLabel = split.labels.findIndex((l) => !(Number.isInteger(l) && l >= 0 && l <= 9));
  if (badLabel >= 0)
    throw new RangeError(`encodeDigits: ${which}.labels[${badLabel}] must be a digit 0–9, but is ${split.labels[badLabel]}.`);
  const badPixel = split.images.findIndex((v) => !(v >= 0 && v <= 1));
  if (badPixel >= 0)
    throw new RangeError(`encodeDigits: ${which}.images[${badPixel}] must be in [0, 1], but is ${split.images[badPixel]}.`);
  return count;
}

/**
 * Packs digits into the page's binary layout.
 * @example
 * const bytes = encodeDigits({ train, test }); // 16 + 785 bytes per image
 */
export function encodeDigits(digits: Digits): Uint8Array {
  const trainCount = checkSplit(digits.train, 'train');
  const testCount = checkSplit(digits.test, 'test');
  const total = trainCount + testCount;
  const bytes = new Uint8Array(HEADER_BYTES + total * (1 + DIGIT_PIXELS));
  const header = new DataView(bytes.buffer);
  [MAGIC, VERSION, trainCount, testCount].forEach((v, i) => {
    header.setUint32(4 * i, v, true);
  });
  bytes.set(digits.train.labels, HEADER_BYTES);
  bytes.set(digits.test.labels, HEADER_BYTES + trainCount);
  const pixels = bytes.subarray(HEADER_BYTES + total);
  const all = [digits.train.images, digits.test.images];
  let at = 0;
  for (const images of all) for (const v of images) pixels[at++] = Math.round(v * 255);
  return bytes;
}

/**
 * Unpacks the page's digits; throws naming what is wrong when `bytes` is not such a file.
 * @example
 * const digits = decodeDigits(new Uint8Array(await (await fetch(digitsUrl)).arrayBuffer()));
 * digits.train.labels.length; // 2500
 */
export function decodeDigits(bytes: Uint8Array): Digits {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`decodeDigits: bytes must be a Uint8Array, but got ${String(bytes)}.`);
  if (bytes.length < HEADER_BYTES) {
    throw new RangeError(`decodeDigits: a digits file starts with a ${HEADER_BYTES}-byte header, but got ${bytes.length} bytes.`);
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const [magic, version, trainCount, testCount] = [0, 1, 2, 3].map((i) => header.getUint32(4 * i, true)) as [
    number,
    number,
    number,
    number,
  ];
  if (magic !== MAGIC)
    throw new RangeError(`decodeDigits: not a digits file (magic 0x${magic.toString(16)}, expected 0x${MAGIC.toString(16)}).`);
  if (version !== VERSION) throw new RangeError(`decodeDigits: version ${version} is not supported (expected ${VERSION}).`);
  const total = trainCount + testCount;
  const expected = HEADER_BYTES + total * (1 + DIGIT_PIXELS);
  if (bytes.length !== expected) {
    throw new RangeError(`decodeDigits: ${trainCount} + ${testCount} digits take ${expected} bytes, but the file has ${bytes.length}.`);
  }
  const labels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + total);
  const badLabel = labels.findIndex((l) => l > 9);
  if (badLabel >= 0) throw new RangeError(`decodeDigits: label ${badLabel} must be a digit 0–9, but is ${labels[badLabel]}.`);
  const pixels = bytes.subarray(HEADER_BYTES + total);
  const split = (first: number, count: number): DigitSplit => ({
    labels: Int32Array.from(labels.subarray(first, first + count)),
    images: Float32Array.from(pixels.subarray(first * DIGIT_PIXELS, (first + count) * DIGIT_PIXELS), (v) => v / 255),
  });
  return { train: split(0, trainCount), test: split(trainCount, testCount) };
}
