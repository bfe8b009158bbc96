/**
 * How a broadcast elementwise op maps onto the wasm row loop: the output is viewed as rows × inner,
 * and each input is full (rowStride = inner), a repeated row (bias), a repeated column, or a
 * scalar. Other broadcasts (e.g. [a, 1, c] with [b, 1]) have no plan.
 */
import { sizeOf } from '@mindts/tensor/backend';

/**
 * One input's walk over the rows × inner output: element (r, i) is at r·rowStride + i·vec.
 * @example
 * const bias: InputWalk = { rowStride: 0, vec: 1 };
 */
export interface InputWalk {
  readonly rowStride: number;
  readonly vec: 0 | 1;
}

/**
 * A plan from {@link planBroadcast}: the output as rows × inner and each input's walk.
 * @example
 * planBroadcast([[2, 3], [3]], [2, 3]); // { rows: 2, inner: 3, walks: [{ rowStride: 3, vec: 1 }, { rowStride: 0, vec: 1 }] }
 */
export interface BroadcastPlan {
  readonly rows: number;
  readonly inner: number;
  readonly walks: readonly InputWalk[];
}

function walk(shape: readonly number[], out: readonly number[], k: number, inner: number): InputWalk | undefined {
  const padded = [...Array<number>(out.length - shape.length).fill(1), ...shape];
  const prefixOnes = padded.slice(0, k).every((d) => d === 1);
  const suffixOnes = padded.slice(k).every((d) => d === 1);
  const prefixFull = padded.slice(0, k).every((d, i) => d === out[i]);
  const suffixFull = padded.slice(k).every((d, i) => d === out[k + i]);
  if (prefixFull && suffixFull) return { rowStride: inner, vec: 1 };
  if (prefixOnes && suffixFull) return { rowStride: 0, vec: 1 };
  if (prefixFull && suffixOnes) return { rowStride: 1, vec: 0 };
  if (prefixOnes && suffixOnes) return { rowStride: 0, vec: 0 };
  return undefined;
}

/**
 * The rows × inner plan with the longest inner run that every input fits, or undefined.
 * @example
 * planBroadcast([[4, 1], [4, 5]], [4, 5])?.walks[0]; // { rowStride: 1, vec: 0 }
 */
export function planBroadcast(shapes: readonly (readonly number[])[], out: readonly number[]): BroadcastPlan | undefined {
  for (let k = 0; k <= out.length; k++) {
    const inner = sizeOf(out.slice(k));
    const walks = shapes.map((s) => walk(s, out, k, inner));
    if (walks.every((w) => w !== undefined)) return { rows: sizeOf(out.slice(0, k)), inner, walks };
  }
  return undefined;
}
