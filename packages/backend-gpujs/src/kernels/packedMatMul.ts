/**
 * `MatMul` of two matrices on the GL modes as a chain of kernels over RGBA textures (gpu.js
 * `Array(4)` results): pack the rows of a and the columns of b four k-values to a texel, multiply
 * from those texels, and unpack to the one-float-per-texel layout every other kernel reads. On
 * WebGL each texture fetch costs more than the arithmetic, so the multiply is built to fetch
 * little per output:
 * - with four render targets (WebGL2: a gpu.js kernel map writing four textures), each thread
 *   computes a 4×4 block of the product from 4 texels of a and 4 of b per four k-values — k/8
 *   fetches per output;
 * - otherwise each thread computes four output columns from 1 texel of a and 4 of b — 5k/16.
 * The one-kernel dot product takes 2k. Measured in headless Chromium (SwiftShader, WebGL2), 512²:
 * one kernel 594 ms, four columns 127 ms, 4×4 blocks 62 ms (tfjs-backend-webgl: 66 ms).
 */
import type { ChainStage, LaunchPlan } from '../gpujsBackend.js';
import { type MatrixProduct, productWalks } from './dotProduct.js';
import { blockedTexel, fragmentRowColumn, lit, type NativeFunction } from './source.js';

/** What the chain multiplies ({@link MatrixProduct}), and what the context allows. */
export interface PackedMatMul extends MatrixProduct {
  /**
   * Textures one kernel may write ({@link GpujsBackend.renderTargets}): with 4 or more (WebGL2)
   * the multiply computes 4×4 blocks, when its 2-D textures fit `maxTextureSize`.
   */
  readonly renderTargets: number;
  /** The largest texture side ({@link GpujsBackend.maxTextureSize}). */
  readonly maxTextureSize: number;
  /**
   * Operands whose `rows` form ({@link Layout}) the caller passes instead of the matrix, as the
   * multiply's packed operand (no pack stage): see {@link rowsOperand}.
   */
  readonly rowsOperands?: { readonly a?: boolean; readonly b?: boolean };
  /**
   * Products of `batch` pairs of matrices stored one after another in each operand (equal batch
   * shapes, e.g. attention's [b, h, s, d] × [b, h, d, s]), default 1; the output's batch shape is
   * `batchShape`. A batched product runs the four-column multiply (not blocked).
   */
  readonly batch?: number;
  readonly batchShape?: readonly number[];
}

/**
 * Which operands of a blocked product ({@link isBlocked}) are passed in their `rows` form: those
 * `inRows` says are held so and {@link rowsOperand} allows; the chain's `tensorLayouts`.
 * @example
 * rowsLayouts(p, { a: false, b: true }); // [undefined, 'rows'] for x·wᵀ with w in packed rows
 */
export function rowsLayouts(p: PackedMatMul, inRows: { a: boolean; b: boolean }): ('rows' | undefined)[] {
  if (!isBlocked(p)) return [undefined, undefined];
  return (['a', 'b'] as const).map((w) => (inRows[w] && rowsOperand(w, p) ? 'rows' : undefined));
}

/** Texels per packed row or column: four k-values each, the last padded with zeros. */
const quads = (k: number) => Math.ceil(k / 4);

/**
 * The kernel packing `vectors` vectors of length `k` from operand `x` four to a texel: vector r's
 * element kk is `x[r·rowStep + kk·kStep]`; elements past `k` are 0 so they add nothing. Vectors
 * past `rows` (padding up to a whole block) repeat the last one: they only feed products no one
 * reads. With `grid` the output is 2-D, texel (q, r) holding vector r's q-th four; else flat.
 */
function packSource(k: number, rowStep: number, kStep: number, rows: number, vectors: number, grid = false, batchStep = 0): string {
  const k4 = quads(k);
  const lanes = [0, 1, 2, 3].map((l) => {
    const read = `x[base${l === 0 ? '' : ` + ${lit(l * kStep)}`}]`;
    // Only the last texel can run past k, and only when 4 does not divide k.
    return k % 4 === 0 ? `let v${l} = ${read};` : `let v${l} = 0.0;\n  if (q * 4.0 + ${lit(l)} < ${lit(k)}) { v${l} = ${read}; }`;
  });
  const position = grid
    ? ['let q = this.thread.x * 1.0;', 'let r = this.thread.y * 1.0;']
    : ['let t = this.thread.x * 1.0;', `let r = Math.floor((t + 0.5) / ${lit(k4)});`, `let q = t - r * ${lit(k4)};`];
  const row = vectors > rows ? `Math.min(r, ${lit(rows - 1)})` : 'r';
  // In a batch (batchStep > 0, `rows` vectors per matrix) vector r is vector r mod rows of matrix ⌊r / rows⌋.
  const start = batchStep
    ? [
        `let bb = Math.floor((r + 0.5) / ${lit(rows)});`,
        `let base = bb * ${lit(batchStep)} + (r - bb * ${lit(rows)}) * ${lit(rowStep)} + q * ${lit(4 * kStep)};`,
      ]
    : [`let base = ${row} * ${lit(rowStep)} + q * ${lit(4 * kStep)};`];
  return `function(x) {
  ${position.join('\n  ')}
  ${start.join('\n  ')}
  ${lanes.join('\n  ')}
  return [v0, v1, v2, v3];
}`;
}

/** The kernel multiplying packed rows `pa` by packed columns `pb`: four output columns per thread. */
function multiplySource({ m, k, n, batch = 1 }: PackedMatMul): string {
  const [k4, n4] = [quads(k), quads(n)];
  // Row i runs over every matrix of a batch: its columns of b are those of matrix ⌊i / m⌋.
  const columns = batch > 1 ? `(Math.floor((i + 0.5) / ${lit(m)}) * ${lit(n)} + j) * ${lit(k4)}` : `j * ${lit(k4)}`;
  const dot = (l: number) => `s${l} = s${l} + av[0] * b${l}[0] + av[1] * b${l}[1] + av[2] * b${l}[2] + av[3] * b${l}[3];`;
  // Past n (the last texel when 4 does not divide n) a lane fetches from beyond pb's columns:
  // the texture clamps the fetch, and the unpack never reads that lane.
  const column = (l: number) => `const b${l} = pb[ib${l === 0 ? '' : ` + ${lit(l * k4)}`} + q];`;
  return `function(pa, pb) {
  let t = this.thread.x * 1.0;
  let i = Math.floor((t + 0.5) / ${lit(n4)});
  let j = (t - i * ${lit(n4)}) * 4.0;
  let ia = i * ${lit(k4)};
  let ib = ${columns};
  let s0 = 0.0;
  let s1 = 0.0;
  let s2 = 0.0;
  let s3 = 0.0;
  for (let q = 0.0; q < ${lit(k4)}; q += 1.0) {
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

/** Rows and columns of the output block one thread computes with four render targets. */
const BLOCK = 4;

/**
 * The sub-kernels the blocked multiply writes its block through: target o holds row o of the
 * 4×4 block (0 is the main result), its four columns in the lanes — the `blocked` layout.
 */
const BLOCK_ROWS = [1, 2, 3].map((o) => `function blockRow${o}(x, y, z, w) { return [x, y, z, w]; }`);

/**
 * GLSL (WebGL2) reading texel (x, y) of kernel argument `name` directly: gpu.js declares an
 * argument's texture as the uniform `user_<name>`. A gpu.js read `x[i]` turns the flat index into
 * a texel with integer division and modulo, which SwiftShader and many GPUs emulate slowly; the
 * blocked stages lay their textures out 2-D so a texel is addressed by its own coordinates.
 */
function texelFunction(name: string): NativeFunction {
  const fn = `texel_${name}`;
  return {
    name: fn,
    source: `vec4 ${fn}(float x, float y) { return texelFetch(user_${name}, ivec2(int(x), int(y)), 0); }`,
    returnType: 'Array(4)',
  };
}

/**
 * The kernel multiplying packed rows `pa` (texel (q, r): row r's q-th four k-values) by packed
 * columns `pb` (texel (q, c)) a 4×4 block per thread, thread (bj, bi) for block row bi and block
 * column bj: per four k-values 4 texels of a and 4 of b make 64 products. Row o of the block goes
 * to texture o.
 */
function blockedSource(k: number): string {
  const k4 = quads(k);
  const range = [0, 1, 2, 3];
  const sums = range.flatMap((r) => range.map((c) => `s${r}${c}`));
  const fetches = [
    ...range.map((r) => `const a${r} = texel_pa(q, i0${r === 0 ? '' : ` + ${lit(r)}`});`),
    ...range.map((c) => `const b${c} = texel_pb(q, j0${c === 0 ? '' : ` + ${lit(c)}`});`),
  ];
  const products = range.flatMap((r) =>
    range.map((c) => `s${r}${c} = s${r}${c} + a${r}[0] * b${c}[0] + a${r}[1] * b${c}[1] + a${r}[2] * b${c}[2] + a${r}[3] * b${c}[3];`),
  );
  const row = (r: number) => range.map((c) => `s${r}${c}`).join(', ');
  return `function(pa, pb) {
  let i0 = this.thread.y * ${lit(BLOCK)};
  let j0 = this.thread.x * ${lit(BLOCK)};
  ${sums.map((v) => `let ${v} = 0.0;`).join('\n  ')}
  for (let q = 0.0; q < ${lit(k4)}; q += 1.0) {
    ${fetches.join('\n    ')}
    ${products.join('\n    ')}
  }
  blockRow1(${row(1)});
  blockRow2(${row(2)});
  blockRow3(${row(3)});
  return [${row(0)}];
}`;
}

/**
 * The kernel unpacking the blocked multiply's four textures to `[m, n]`, one float per texel.
 * Cheap per element, as it runs over every output ({@link fragmentRowColumn}); measured on
 * SwiftShader, [256, 784]: 3.3 ms with `this.thread.x` and integer division, 2.5 ms so.
 */
function blockedUnpackSource(n: number): { source: string; natives: NativeFunction[] } {
  const unpackAt = `float unpackAt() {
  ${fragmentRowColumn(n)}
  vec4 v = ${blockedTexel('c', 'i', 'j >> 2')};
  return v[j & 3];
}`;
  return {
    source: 'function(c0, c1, c2, c3) {\n  return unpackAt();\n}',
    natives: [{ name: 'unpackAt', source: unpackAt, returnType: 'Number' }],
  };
}

/**
 * Whether an operand's `rows` form can stand for its packed stage in the blocked product: its
 * rows run along k (a not transposed, b transposed), k is a multiple of 4 (the form holds no
 * padding), and it has exactly the rows the multiply reads (a multiple of 4; for a, at least 8).
 * @example
 * rowsOperand('b', { m: 64, k: 784, n: 256, transposeA: false, transposeB: true }); // true
 */
export function rowsOperand(which: 'a' | 'b', { m, k, n, transposeA, transposeB }: MatrixProduct): boolean {
  if (k % 4 !== 0) return false;
  return which === 'a' ? !transposeA && m % BLOCK === 0 && m >= 2 * BLOCK : transposeB && n % BLOCK === 0;
}

/** a's rows and b's columns padded to whole 4×4 blocks, at least two block rows (gpu.js lays a one-row 2-D output out as a square). */
function blockedSides({ m, n }: MatrixProduct): [number, number] {
  return [BLOCK * Math.max(2, Math.ceil(m / BLOCK)), BLOCK * Math.ceil(n / BLOCK)];
}

/**
 * Whether the product runs blocked: four render targets, and every 2-D texture within the size limit.
 * @example
 * isBlocked({ m: 64, k: 784, n: 256, transposeA: false, transposeB: true, renderTargets: 4, maxTextureSize: 4096 }); // true
 */
export function isBlocked(p: PackedMatMul): boolean {
  return p.renderTargets >= BLOCK_ROWS.length + 1 && Math.max(quads(p.k), ...blockedSides(p)) <= p.maxTextureSize;
}

/**
 * The stages of the packed product for `GpujsBackend.launchChain` (pack a, pack b, multiply,
 * unpack); the tensors are `[a, b]`.
 * @example
 * backend.launchChain('MatMul', [a, b], packedMatMulStages({ m: 512, k: 512, n: 512, transposeA: false, transposeB: false, renderTargets: 4, maxTextureSize: 4096 }), plain);
 */
export function packedMatMulStages(p: PackedMatMul): ChainStage[] {
  const { m, k, n, transposeA, transposeB } = p;
  const k4 = quads(k);
  const [rows, columns] = blockedSides(p);
  const batch = p.batch ?? 1;
  const blocked = batch === 1 && isBlocked(p);
  const key = `${m}|${k}|${n}|${transposeA}|${transposeB}${blocked ? '|blocked' : ''}${batch > 1 ? `|batch${batch}` : ''}`;
  const plan = (stage: string, shape: readonly number[], source: string, extra: Partial<LaunchPlan> = {}): LaunchPlan => ({
    key: `packed-${stage}|${key}`,
    shape,
    dtype: 'float32' as const,
    source: () => source,
    ...extra,
  });
  // Row i of a and column j of b, k-values apart.
  const { aRow, aK, bColumn, bK } = productWalks(p);
  if (blocked) {
    const [rowBlocks, columnBlocks] = [rows / BLOCK, columns / BLOCK];
    const unpack = blockedUnpackSource(n);
    // The packed operands: a `rows` form as it is (tensor 0 or 1), else a pack stage's output.
    const packs: ChainStage[] = [];
    const operand = (which: 'a' | 'b', tensor: number, stage: () => LaunchPlan) => {
      if (p.rowsOperands?.[which] && rowsOperand(which, p)) return tensor;
      packs.push({ plan: stage(), args: [tensor] });
      return 1 + packs.length;
    };
    const pa = operand('a', 0, () => plan('a', [rows * k4], packSource(k, aRow, aK, m, rows, true), { grid: [k4, rows] }));
    const pb = operand('b', 1, () => plan('b', [columns * k4], packSource(k, bColumn, bK, n, columns, true), { grid: [k4, columns] }));
    const product = 2 + packs.length;
    return [
      ...packs,
      {
        plan: plan('multiply', [rowBlocks * columnBlocks], blockedSource(k), {
          loops: [k4],
          grid: [columnBlocks, rowBlocks],
          renderTargets: BLOCK_ROWS,
          natives: [texelFunction('pa'), texelFunction('pb')],
        }),
        args: [pa, pb],
      },
      {
        plan: plan('unpack', [m, n], unpack.source, { natives: unpack.natives }),
        args: [product, product + 1, product + 2, product + 3],
        ...(n % BLOCK === 0 ? { layout: 'blocked' as const } : {}),
      },
    ];
  }
  const [aStep, bStep] = batch > 1 ? [m * k, k * n] : [0, 0];
  return [
    { plan: plan('a', [batch * m * k4], packSource(k, aRow, aK, m, m, false, aStep)), args: [0] },
    { plan: plan('b', [batch * n * k4], packSource(k, bColumn, bK, n, n, false, bStep)), args: [1] },
    { plan: plan('multiply', [batch * m * quads(n)], multiplySource(p), { loops: [k4] }), args: [2, 3] },
    { plan: plan('unpack', [...(p.batchShape ?? []), m, n], unpackSource(n)), args: [4] },
  ];
}
