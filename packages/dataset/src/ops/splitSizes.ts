/**
 * `split`'s sizes: MindSpore's rules for integer sizes and for fractions.
 */

/** Python's `round`: halves go to the even neighbour (2.5 → 2, 3.5 → 4), as MindSpore rounds. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The row count of each part of a dataset of `total` rows split by `sizes`: integers must add up
 * to `total`; fractions in (0, 1) must add up to 1 and give `round(f * total)` rows each (Python's round), the
 * shortfall added to the first part, an excess taken from the first part large enough to keep a
 * row (MindSpore's `Dataset.split`).
 */
export function splitSizes(sizes: unknown, total: number): number[] {
  if (!Array.isArray(sizes) || sizes.length === 0 || sizes.some((s) => typeof s !== 'number' || !Number.isFinite(s))) {
    throw new TypeError(`split: sizes must be a non-empty array of integers or of fractions, but got ${JSON.stringify(sizes)}.`);
  }
  const list = sizes as number[];
  if (list.every((s) => Number.isInteger(s))) {
    // JavaScript has no 1.0 distinct from 1: whole numbers are row counts, as MindSpore's ints.
    if (list.some((s) => s < 1))
      throw new RangeError(`split: sizes must be positive integers, or fractions in (0, 1), but got ${JSON.stringify(list)}.`);
    const sum = list.reduce((a, b) => a + b, 0);
    if (sum !== total) throw new RangeError(`split: the sizes add up to ${sum}, but the dataset has ${total} rows.`);
    return list;
  }
  if (list.some((s) => s <= 0 || s > 1)) {
    throw new RangeError(`split: sizes must be positive integers, or fractions in (0, 1), but got ${JSON.stringify(list)}.`);
  }
  const fsum = list.reduce((a, b) => a + b, 0);
  if (Math.abs(fsum - 1) > 1e-9) throw new RangeError(`split: fractions must add up to 1, but ${JSON.stringify(list)} add up to ${fsum}.`);
  const out = list.map((f) => roundHalfEven(f * total));
  out.forEach((n, i) => {
    if (n === 0) throw new RangeError(`split: the fraction ${list[i]} of ${total} rows gives an empty part ${i}.`);
  });
  const diff = out.reduce((a, b) => a + b, 0) - total;
  if (diff < 0) out[0] = (out[0] as number) - diff;
  if (diff > 0) {
    const i = out.findIndex((n) => n > diff);
    if (i < 0) throw new RangeError(`split: the fractions ${JSON.stringify(list)} cannot be rounded to parts of ${total} rows.`);
    out[i] = (out[i] as number) - diff;
  }
  return out;
}
