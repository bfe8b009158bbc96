/**
 * What `eval` prints about a classifier's mistakes: accuracy per class, the most frequent
 * confusions, and digits drawn as text.
 */

/**
 * Per-class results: for each class, how many images have it as their label and how many of
 * those were predicted right; and the `(label, predicted)` pairs of the mistakes, most frequent first.
 * @example
 * const { perClass, confusions } = confusion(Int32Array.of(0, 1, 1), Int32Array.of(0, 1, 0), 2);
 * perClass[1]; // { label: 1, count: 2, correct: 1 }
 * confusions[0]; // { label: 1, predicted: 0, count: 1 }
 */
export function confusion(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classes: number,
): { perClass: { label: number; count: number; correct: number }[]; confusions: { label: number; predicted: number; count: number }[] } {
  if (labels.length !== predictions.length) {
    throw new RangeError(`confusion: predictions must have one entry per label (${labels.length}), but got ${predictions.length}.`);
  }
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const [label, predicted] = [labels[i] as number, predictions[i] as number];
    const row = matrix[label];
    if (!row || predicted < 0 || predicted >= classes) {
      throw new RangeError(`confusion: classes are 0…${classes - 1}, but entry ${i} has label ${label} and prediction ${predicted}.`);
    }
    row[predicted] = (row[predicted] as number) + 1;
  }
  const perClass = matrix.map((row, label) => ({ label, count: row.reduce((a, b) => a + b, 0), correct: row[label] as number }));
  const confusions = matrix
    .flatMap((row, label) => row.map((count, predicted) => ({ label, predicted, count })))
    .filter((c) => c.label !== c.predicted && c.count > 0)
    .sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted);
  return { perClass, confusions };
}

const SHADES = ' .:-=+*#%@';

/**
 * A 28×28 image with values in [0, 1] as 14 lines of 28 characters (each character the mean of
 * two pixels stacked vertically, so the digit keeps its proportions in a terminal).
 * @example
 * console.log(asciiDigit(images.dataSync().subarray(0, 784)));
 */
export function asciiDigit(pixels: ArrayLike<number>, side = 28): string {
  if (pixels.length !== side * side) throw new RangeError(`asciiDigit: pixels must hold ${side}×${side} values, but got ${pixels.length}.`);
  const lines: string[] = [];
  for (let y = 0; y < side; y += 2) {
    let line = '';
    for (let x = 0; x < side; x++) {
      const v = ((pixels[y * side + x] as number) + (y + 1 < side ? (pixels[(y + 1) * side + x] as number) : 0)) / 2;
      line += SHADES[Math.min(SHADES.length - 1, Math.max(0, Math.round(v * (SHADES.length - 1))))];
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}
