/**
 * "Nice" axis ticks: 1, 2 or 5 times a power of ten, so labels read 0, 0.5, 1 rather than 0.37.
 */

/**
 * About `count` evenly spaced round values covering `[min, max]`, and the range they span.
 * @example
 * niceTicks(0.12, 2.31, 5); // { ticks: [0, 0.5, 1, 1.5, 2, 2.5], min: 0, max: 2.5 }
 */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; min: number; max: number } {
  if (!(Number.isFinite(min) && Number.isFinite(max)))
    throw new RangeError(`niceTicks: the range must be finite, but got [${min}, ${max}].`);
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    // A flat series still gets an axis around its value.
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { ticks, min: lo, max: hi };
}

/**
 * A tick label: no more decimals than the step needs.
 * @example
 * formatTick(0.5, 0.25); // '0.50'
 * formatTick(2000, 500); // '2000'
 */
export function formatTick(value: number, step: number): string {
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  return value.toFixed(decimals);
}
