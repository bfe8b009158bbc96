/**
 * NumPy broadcasting rules.
 */
import { checkArray } from './argChecks.js';
import { shapeString, validateShape } from './shape.js';

/**
 * The shape two shapes broadcast to; the error names both shapes.
 * @example
 * broadcastShapes([2, 1], [3]); // [2, 3]
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  a = validateShape(a, 'broadcastShapes: a');
  b = validateShape(b, 'broadcastShapes: b');
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`Shapes ${shapeString(a)} and ${shapeString(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db}).`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Axes of `outShape` along which `inShape` was broadcast (to sum gradients back over).
 * @example
 * broadcastedAxes([3], [2, 3]); // [0]
 */
export function broadcastedAxes(inShape: readonly number[], outShape: readonly number[]): number[] {
  checkArray(inShape, 'broadcastedAxes', 'inShape', 'an array of numbers');
  checkArray(outShape, 'broadcastedAxes', 'outShape', 'an array of numbers');
  const axes: number[] = [];
  const offset = outShape.length - inShape.length;
  for (let i = 0; i < outShape.length; i++) {
    const d = i < offset ? 1 : (inShape[i - offset] as number);
    if (d === 1 && outShape[i] !== 1) axes.push(i);
  }
  return axes;
}
