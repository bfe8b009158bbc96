/**
 * The CPU backend's kernel table: one kernel per core primitive. `satisfies KernelTable` makes
 * a missing primitive a compile error.
 */
import type { KernelTable } from '@mindts/tensor/backend';
import type { CpuBackend } from '../cpuBackend.js';
import { argsort } from './argsort.js';
import { binary } from './binary.js';
import { broadcastTo } from './broadcastTo.js';
import { cast } from './cast.js';
import { concat } from './concat.js';
import { conv2d } from './conv2d.js';
import { cumulative } from './cumulative.js';
import { fill } from './fill.js';
import { gather } from './gather.js';
import { matMul } from './matMul.js';
import { pool2d } from './pool2d.js';
import { random } from './random.js';
import { reduce } from './reduce.js';
import { reshape } from './reshape.js';
import { scatterAdd } from './scatterAdd.js';
import { sliceUpdate } from './sliceUpdate.js';
import { stridedSlice } from './stridedSlice.js';
import { transpose } from './transpose.js';
import { unary } from './unary.js';
import { where } from './where.js';

/**
 * Every core primitive's CPU kernel, keyed by primitive name. Other backends can register
 * single entries as per-op fallbacks.
 * @example
 * registerKernel({ name: 'MatMul', backendName: 'myBackend', kernelFunc: cpuKernels.MatMul });
 */
export const cpuKernels = {
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
} satisfies KernelTable<CpuBackend>;
