/**
 * The wasm backend's kernel table. `satisfies KernelTable` makes a missing primitive a compile
 * error; the entries made by {@link viaCpu} run on the CPU backend and say so in `explain()`;
 * `withFloat16` adds float16 (stored as float16, computed in float32).
 */
import type { KernelTable } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { binary } from './binary.js';
import { broadcastTo } from './broadcastTo.js';
import { cast } from './cast.js';
import { concat } from './concat.js';
import { conv2d } from './conv2d.js';
import { fill } from './fill.js';
import { gather } from './gather.js';
import { withFloat16 } from './half.js';
import { matMul } from './matMul.js';
import { pool2d } from './pool2d.js';
import { reduce } from './reduce.js';
import { reshape } from './reshape.js';
import { scatterAdd } from './scatterAdd.js';
import { sliceUpdate } from './sliceUpdate.js';
import { stridedSlice } from './stridedSlice.js';
import { transpose } from './transpose.js';
import { unary } from './unary.js';
import { viaCpu } from './viaCpu.js';
import { where } from './where.js';

/**
 * Every core primitive's wasm kernel, keyed by primitive name.
 * @example
 * registerKernel({ name: 'MatMul', backendName: 'wasm2', kernelFunc: wasmKernels.MatMul });
 */
export const wasmKernels = withFloat16({
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
  Random: viaCpu('Random'),
  Where: where,
  BroadcastTo: broadcastTo,
  Conv2D: conv2d,
  Pool2D: pool2d,
  Cumulative: viaCpu('Cumulative'),
  Argsort: viaCpu('Argsort'),
} satisfies KernelTable<WasmBackend>);
