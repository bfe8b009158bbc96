/**
 * Any broadcast of `Binary`, the comparisons and `Where` on the wasm backend, for the shapes
 * {@link planBroadcast} has no single rows × inner plan for (e.g. `[b, h, s, s]` with
 * `[b, 1, 1, s]`, `[a, 1, c]` with `[b, 1]`): dimensions of size 1 are dropped and neighbours
 * that every input walks contiguously (or repeats) are merged; the last two become the rows ×
 * inner of the SIMD row loops and the rest are outer blocks, walked in wasm (`broadcastBlocks`).
 */
import type { TensorInfo } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import type { BroadcastPlan, InputWalk } from './broadcastPlan.js';

/**
 * A plan from {@link planBlocks}: blocks over `outer` (size and each input's element stride,
 * outermost first), each block a rows × inner {@link BroadcastPlan}.
 * @example
 * planBlocks([[2, 3, 4], [2, 1, 4]], [2, 3, 4]).outer; // [] — rows of 4, the second input's row repeated 3×… per block
 */
export interface BlockPlan extends BroadcastPlan {
  readonly outer: readonly { readonly size: number; readonly strides: readonly number[] }[];
}

/** Each input's element strides over `out` (0 along a broadcast dimension). */
function stridesOver(shape: readonly number[], out: readonly number[]): number[] {
  const padded = [...Array<number>(out.length - shape.length).fill(1), ...shape];
  const strides = Array<number>(out.length).fill(0);
  let step = 1;
  for (let d = out.length - 1; d >= 0; d--) {
    strides[d] = padded[d] === 1 ? 0 : step;
    step *= padded[d] as number;
  }
  return strides;
}

/**
 * The blocked plan of inputs `shapes` broadcast to `out` (every input must broadcast to it).
 * @example
 * const p = planBlocks([[4, 3, 5], [4, 1, 5]], [4, 3, 5]);
 * [p.rows, p.inner, p.outer.length]; // [3, 5, 1]: 4 blocks of a repeated row
 */
export function planBlocks(shapes: readonly (readonly number[])[], out: readonly number[]): BlockPlan {
  const strides = shapes.map((s) => stridesOver(s, out));
  const dims: { size: number; strides: number[] }[] = [];
  out.forEach((size, d) => {
    if (size === 1) return;
    const here = strides.map((s) => s[d] as number);
    const last = dims[dims.length - 1];
    // Merge with the dimension outside when every input steps over both as over one.
    if (last?.strides.every((s, i) => s === (here[i] as number) * size)) {
      last.size *= size;
      last.strides = here;
    } else dims.push({ size, strides: here });
  });
  const innerDim = dims.pop();
  const rowDim = dims.pop();
  return {
    rows: rowDim?.size ?? 1,
    inner: innerDim?.size ?? 1,
    // After merging, an input's innermost stride is 1 (it walks) or 0 (it repeats).
    walks: shapes.map((_, i): InputWalk => ({ rowStride: rowDim?.strides[i] ?? 0, vec: innerDim?.strides[i] ? 1 : 0 })),
    outer: dims,
  };
}

/** Which row loop {@link runBlocks} calls per block: binaryF32, binaryI32, binaryU8, compare32 on float32 / int32, where32. */
export const BLOCK_KIND = { binaryF32: 0, binaryI32: 1, binaryU8: 2, compareF32: 3, compareI32: 4, where32: 5 } as const;

/**
 * Runs op `code` of row loop `kind` over `inputs` (two, or condition and two values for where32)
 * into `outPtr`, blocked by {@link planBlocks}.
 * @example
 * runBlocks(backend, BLOCK_KIND.binaryF32, BINARY_F32.add, [a, b], planBlocks([a.shape, b.shape], shape), out.ptr);
 */
export function runBlocks(
  backend: WasmBackend,
  kind: number,
  code: number,
  inputs: readonly TensorInfo[],
  plan: BlockPlan,
  outPtr: number,
): void {
  const nd = plan.outer.length;
  // Four int32 per outer dimension, then nd int32 of odometer.
  const meta = backend.scratch(Math.max(nd, 1) * 20);
  try {
    const ints = backend.view(meta, nd * 4, 'int32');
    for (const [k, d] of plan.outer.entries()) ints.set([d.size, d.strides[0] ?? 0, d.strides[1] ?? 0, d.strides[2] ?? 0], k * 4);
    const arg = (i: number): [number, number, number] => {
      const t = inputs[i];
      const w = plan.walks[i];
      return t && w ? [backend.ptr(t), w.rowStride, w.vec] : [0, 0, 0];
    };
    backend.kernels.broadcastBlocks(kind, code, nd, meta, meta + nd * 16, ...arg(0), ...arg(1), ...arg(2), outPtr, plan.rows, plan.inner);
  } finally {
    backend.free(meta);
  }
}
