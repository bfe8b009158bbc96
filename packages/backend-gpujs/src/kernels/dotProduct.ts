/**
 * The k-loop of the gpu.js `MatMul` kernel as source statements, unrolled by {@link UNROLL}.
 */
import { lit } from './source.js';

/**
 * Products per loop iteration, each into its own accumulator. Measured in headless Chromium
 * (SwiftShader, gpu.js WebGPU mode): unrolled by 4, matmul 512² ran in 599 ms instead of 744
 * and 1024² in 4.8 s instead of 6.0; by 8, 512² was no faster (569 ms) and 1024² slower (6.9 s,
 * each thread then walks 8 rows of b at once). WebGL2, where the texture fetches dominate,
 * changed by under 10% either way.
 */
export const UNROLL = 4;

/**
 * Output elements per thread of a four-wide kernel (gpu.js `Array(4)` returns, WebGPU mode).
 * Measured in headless Chromium (SwiftShader, WebGPU): matmul 512² 591 → 346 ms, 256² 75.7 →
 * 45.4 ms, the MLP training step 200 → 129 ms. With the k-loop unrolled by 2 or 1 instead of
 * {@link UNROLL}, 512² took 373 and 404 ms.
 */
export const LANES = 4;

/** Where an operand's elements lie: the flat index of the first, and the distance between two. */
export interface Walk {
  /** A source expression for the flat index of element 0 of the walk. */
  readonly start: string;
  /** Elements between consecutive k (a compile-time constant). */
  readonly step: number;
}

/**
 * Statements computing `Σ_kk a[kk] · b[kk]` over `k` terms and returning it. Running indices
 * (one addition per step instead of index products) and independent accumulators, so the
 * products of one iteration do not wait on each other; the tail of `k % UNROLL` terms is
 * written out after the loop. Indices stay exact in float32 below 2^24.
 *
 * With `lanes` (WebGPU's four-wide kernels), the same sums for four b walks `laneStep` apart
 * (four neighbouring output columns): each `a` element is read once for the four, and the kernel
 * returns `[sum₀, sum₁, sum₂, sum₃]`; every lane adds its products in the order of the one-lane
 * kernel, so both round alike.
 * @example
 * dotProduct(512, { a: { start: 'c0 * 512.0', step: 1 }, b: { start: 'c1', step: 512 } });
 * dotProduct(512, { a: { start: 'c0 * 512.0', step: 1 }, b: { start: 'c1', step: 512 } }, { laneStep: 1 });
 */
export function dotProduct(k: number, operands: { readonly a: Walk; readonly b: Walk }, lanes?: { readonly laneStep: number }): string[] {
  const { a, b } = operands;
  const accumulators = Math.min(UNROLL, k);
  const laneCount = lanes ? LANES : 1;
  const sum = (lane: number, j: number) => (lanes ? `s${lane}_${j}` : `s${j}`);
  const offset = (j: number, w: Walk, lane = 0) => {
    const d = j * w.step + lane * (lanes?.laneStep ?? 0);
    return d === 0 ? '' : ` + ${lit(d)}`;
  };
  const products = (j: number): string[] =>
    lanes
      ? [
          `aj = a[ia${offset(j, a)}];`,
          ...Array.from({ length: laneCount }, (_, l) => `${sum(l, j)} = ${sum(l, j)} + aj * b[ib${offset(j, b, l)}];`),
        ]
      : [`s${j} = s${j} + a[ia${offset(j, a)}] * b[ib${offset(j, b)}];`];
  const sums = Array.from({ length: laneCount }, (_, l) => Array.from({ length: accumulators }, (_, j) => sum(l, j)));
  const lines = [`let ia = ${a.start};`, `let ib = ${b.start};`, ...sums.flat().map((s) => `let ${s} = 0.0;`)];
  if (lanes) lines.push('let aj = 0.0;');
  const rounds = Math.floor(k / UNROLL);
  if (rounds > 0) {
    lines.push(
      `for (let kk = 0.0; kk < ${lit(rounds)}; kk += 1.0) {`,
      ...Array.from({ length: accumulators }, (_, j) => products(j).map((p) => `  ${p}`)).flat(),
      `  ia = ia + ${lit(UNROLL * a.step)};`,
      `  ib = ib + ${lit(UNROLL * b.step)};`,
      '}',
    );
  }
  for (let j = 0; j < k % UNROLL; j++) lines.push(...products(j));
  lines.push(lanes ? `return [${sums.map(pairwise).join(', ')}];` : `return ${pairwise(sums[0]!)};`);
  return lines;
}

/** `x0 + x1 + …` summed as a balanced tree, which rounds less than a left-to-right chain. */
export function pairwise(xs: readonly string[]): string {
  if (xs.length === 1) return xs[0]!;
  const half = Math.ceil(xs.length / 2);
  return `(${pairwise(xs.slice(0, half))} + ${pairwise(xs.slice(half))})`;
}

/** A product of two matrices: `a` (`[m, k]`, or `[k, m]` transposed) by `b` (`[k, n]`, or `[n, k]`). */
export interface MatrixProduct {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/**
 * Where the operands of `p` lie in their flat storage: a[i, kk] is at i·aRow + kk·aK, b[kk, j]
 * at j·bColumn + kk·bK.
 * @example
 * productWalks({ m: 2, k: 3, n: 4, transposeA: false, transposeB: true }); // { aRow: 3, aK: 1, bColumn: 3, bK: 1 }
 */
export function productWalks({ m, k, n, transposeA, transposeB }: MatrixProduct): {
  aRow: number;
  aK: number;
  bColumn: number;
  bK: number;
} {
  return {
    ...(transposeA ? { aRow: 1, aK: m } : { aRow: k, aK: 1 }),
    ...(transposeB ? { bColumn: k, bK: 1 } : { bColumn: 1, bK: n }),
  };
}
