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
 * @example
 * dotProduct(512, { a: { start: 'c0 * 512.0', step: 1 }, b: { start: 'c1', step: 512 } });
 */
export function dotProduct(k: number, operands: { readonly a: Walk; readonly b: Walk }): string[] {
  const { a, b } = operands;
  const accumulators = Math.min(UNROLL, k);
  const sums = Array.from({ length: accumulators }, (_, j) => `s${j}`);
  const product = (j: number) => {
    const at = (w: Walk) => (j === 0 ? '' : ` + ${lit(j * w.step)}`);
    return `s${j} = s${j} + a[ia${at(a)}] * b[ib${at(b)}];`;
  };
  const lines = [`let ia = ${a.start};`, `let ib = ${b.start};`, ...sums.map((s) => `let ${s} = 0.0;`)];
  const rounds = Math.floor(k / UNROLL);
  if (rounds > 0) {
    lines.push(
      `for (let kk = 0.0; kk < ${lit(rounds)}; kk = kk + 1.0) {`,
      ...sums.map((_, j) => `  ${product(j)}`),
      `  ia = ia + ${lit(UNROLL * a.step)};`,
      `  ib = ib + ${lit(UNROLL * b.step)};`,
      '}',
    );
  }
  for (let j = 0; j < k % UNROLL; j++) lines.push(product(j));
  lines.push(`return ${pairwise(sums)};`);
  return lines;
}

/** `x0 + x1 + …` summed as a balanced tree, which rounds less than a left-to-right chain. */
function pairwise(xs: readonly string[]): string {
  if (xs.length === 1) return xs[0]!;
  const half = Math.ceil(xs.length / 2);
  return `(${pairwise(xs.slice(0, half))} + ${pairwise(xs.slice(half))})`;
}
