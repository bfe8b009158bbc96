/**
 * The gpu.js backend's kernel table; `satisfies KernelTable` keeps it complete. Every kernel
 * sends what gpu.js cannot take (a dtype, a size, an attribute) to the CPU backend, recorded by
 * `explain()`.
 */
import type { KernelFunc, KernelTable } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { binary } from './binary.js';
import { cast, fill, where } from './elementwise.js';
import { withFloat16 } from './float16.js';
import { concat, gather } from './join.js';
import { broadcastTo, reshape, stridedSlice, transpose } from './layout.js';
import { matMul } from './matMul.js';
import { reduce } from './reduce.js';
import { argsort, cumulative } from './scan.js';
import { unary } from './unary.js';
import { scatterAdd, sliceUpdate } from './update.js';
import { conv2d, pool2d } from './window.js';

/** Why Random stays on the CPU backend. */
export const RANDOM_REASON =
  'the counter-based generator needs exact 32-bit integer products (Math.imul), which float32 shaders lack; its values are uploaded on first use';

/** `Random` runs on the CPU backend, so every backend draws the same numbers for a seed. */
const random: KernelFunc<'Random', GpujsBackend> = (backend, inputs, attrs) => backend.fallback('Random', inputs, attrs, RANDOM_REASON);

/**
 * Every core primitive's kernel on the gpu.js backend (float16 computed in float32 and rounded
 * on the device: ./float16.ts).
 * @example
 * Object.keys(gpujsKernels).length; // 20
 */
export const gpujsKernels = withFloat16({
  Unary: unary,
  Binary: binary,
  Reduce: reduce,
  MatMul: matMul,
  Reshape: reshape,
  Transpose: transpose,
  StridedSlice: stridedSlice,
  SliceUpdate: sliceUpdate,
  Concat: concat,
  Gather: gather,
  ScatterAdd: scatterAdd,
  Cast: cast,
  Fill: fill,
  Random: random,
  Where: where,
  BroadcastTo: broadcastTo,
  Conv2D: conv2d,
  Pool2D: pool2d,
  Cumulative: cumulative,
  Argsort: argsort,
} satisfies KernelTable<GpujsBackend>);
