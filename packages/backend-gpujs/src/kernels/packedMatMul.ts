/**
 * `MatMul` of two matrices on the GL modes as a chain of four kernels over RGBA textures (gpu.js
 * `Array(4)` results): pack the rows of a and the columns of b four k-values to a texel, multiply
 * four output columns per thread from those texels, and unpack to the one-float-per-texel layout
 * every other kernel reads. On WebGL each texture fetch costs more than the arithmetic, and this
 * takes 5k/16 fetches per output instead of 2k. Measured in headless Chromium (SwiftShader,
 * WebGL2): 512² 594 → 127 ms, 256² 73.7 → 20.7 ms.
 */
import type { ChainStage } from '../gpujsBackend.js';
import { lit } from './source.js';

/** What the chain multiplies: `a` (`[m, k]`, or `[k, m]` transposed) by `b` (`[k, n]`, or `[n, k]`). */
export interface PackedMatMul {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** Texels per packed row or column: four k-values each, the last padded with zeros. */
const quads = (k: number) => Math.ceil(k / 4);

/**
 * The kernel packing `rows` vectors of length `k` from operand `x` four to a texel: vector r's
 * element kk is `x[r·rowStep + kk·kStep]`; elements past `k` are 0 so they add nothing.
 */
function packSource(k: number, rowStep: number, kStep: number): string {
  const k4 = quads(k);
  const lanes = [0, 1, 2, 3].map((l) => {
    const read = `x[base${l === 0 ? '' : ` + ${lit(l * kStep)}`}]`;
    // Only the last texel can run past k, and only when 4 does not divide k.
    return k % 4 === 0 ? `let v${l} = ${read};` : `let v${l} = 0.0;\n  if (q * 4.0 + ${lit(l)} < ${lit(k)}) { v${l} = ${read}; }`;
  });
  return `function(x) {
  let t = this.thread.x * 1.0;
  let r = Math.floor((t + 0.5) / ${lit(k4)});
  let q = t - r * ${lit(k4)};
  let base = r * ${lit(rowStep)} + q * ${lit(4 * kStep)};
  ${lanes.join('\n  ')}
  return [v0, v1, v2, v3];
}`;
}

/** The kernel multiplying packed rows `pa` by packed columns `pb`: four output columns per thread. */
function multiplySource({ k, n }: PackedMatMul): string {
  const [k4, n4] = [quads(k), quads(n)];
  const dot = (l: number) => `s${l} = s${l} + av[0] * b${l}[0] + av[1] * b${l}[1] + av[2] * b${l}[2] + av[3] * b${l}[3];`;
  // Past n (the last texel when 4 does not divide n) a lane fetches from beyond pb's columns:
  // the texture clamps the fetch, and the unpack never reads that lane.
  const column = (l: number) => `const b${l} = pb[ib${l === 0 ? '' : ` + ${lit(l * k4)}`} + q];`;
  return `function(pa, pb) {
  let t = this.thread.x * 1.0;
  let i = Math.floor((t + 0.5) / ${lit(n4)});
  let j = (t - i * ${lit(n4)}) * 4.0;
  let ia = i * ${lit(k4)};
  let ib = j * ${lit(k4)};
  let s0 = 0.0;
  let s1 = 0.0;
  let s2 = 0.0;
  let s3 = 0.0;
  for (let q = 0.0; q < ${lit(k4)}; q = q + 1.0) {
    const av = pa[ia + q];
    ${[0, 1, 2, 3].map(column).join('\n    ')}
    ${[0, 1, 2, 3].map(dot).join('\n    ')}
  }
  return [s0, s1, s2, s3];
}`;
}

/** The kernel unpacking four-column texels to `[m, n]`, one float per texel. */
function unpackSource(n: number): string {
  const n4 = quads(n);
  return `function(c) {
  let t = this.thread.x * 1.0;
  let i = Math.floor((t + 0.5) / ${lit(n)});
  let j = t - i * ${lit(n)};
  let q = Math.floor((j + 0.5) / 4.0);
  let lane = j - q * 4.0;
  const v = c[i * ${lit(n4)} + q];
  let y = v[0];
  if (lane == 1.0) { y = v[1]; }
  if (lane == 2.0) { y = v[2]; }
  if (lane == 3.0) { y = v[3]; }
  return y;
}`;
}

/**
 * The four stages of the packed product (pack a, pack b, multiply, unpack) for
 * `GpujsBackend.launchChain`; the tensors are `[a, b]`.
 * @example
 * backend.launchChain('MatMul', [a, b], packedMatMulStages({ m: 512, k: 512, n: 512, transposeA: false, transposeB: false }), plain);
 */
export function packedMatMulStages(p: PackedMatMul): ChainStage[] {
  const { m, k, n, transposeA, transposeB } = p;
  const [k4, n4] = [quads(k), quads(n)];
  const key = `${m}|${k}|${n}|${transposeA}|${transposeB}`;
  // Row i of a (as [m, k]): a[i, kk] is at i·k + kk, or at kk·m + i when a is stored [k, m].
  const packA = packSource(k, transposeA ? 1 : k, transposeA ? m : 1);
  // Column j of b (as [k, n]): b[kk, j] is at kk·n + j, or at j·k + kk when b is stored [n, k].
  const packB = packSource(k, transposeB ? k : 1, transposeB ? 1 : n);
  const plan = (stage: string, shape: readonly number[], source: string, loops?: number[]) => ({
    key: `packed-${stage}|${key}`,
    shape,
    dtype: 'float32' as const,
    source: () => source,
    ...(loops ? { loops } : {}),
  });
  return [
    { plan: plan('a', [m * k4], packA), args: [0] },
    { plan: plan('b', [n * k4], packB), args: [1] },
    { plan: plan('multiply', [m * n4], multiplySource(p), [k4]), args: [2, 3] },
    { plan: plan('unpack', [m, n], unpackSource(n)), args: [4] },
  ];
}
