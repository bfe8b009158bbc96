/**
 * The primitives every backend implements (DESIGN §6). Everything else in `@mindts/ops` is
 * composed from these. A backend's kernel table is typed against {@link CorePrimitives}, so a
 * backend missing a primitive fails to compile.
 *
 * Kernels are pure: they never modify their inputs. In-place updates (`setItem`, `assign`)
 * compute a new buffer and swap it into the target tensor at the engine level.
 */
import type { DType } from './dtype.js';

/**
 * Opaque handle a backend uses to find a tensor's storage.
 * @example
 * const id: DataId = backend.write(new Float32Array([1, 2]), [2], 'float32');
 * await backend.read(id); // Float32Array [1, 2]
 */
export type DataId = object;

/**
 * What a kernel sees of a tensor: its storage handle, shape and dtype.
 * @example
 * const info: TensorInfo = { dataId: backend.write(new Float32Array([1, 2]), [2], 'float32'), shape: [2], dtype: 'float32' };
 * wrapInfo(info, backend); // a Tensor around that storage
 */
export interface TensorInfo {
  readonly dataId: DataId;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * Elementwise functions of one tensor. Output dtype = input dtype unless noted.
 * @example
 * const op: UnaryOp = 'relu';
 * runKernel('Unary', [x], { op });
 */
export type UnaryOp =
  | 'neg'
  | 'abs'
  | 'sign'
  | 'exp'
  | 'expm1'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'rsqrt'
  | 'square'
  | 'reciprocal'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'gelu'
  | 'softplus'
  | 'erf'
  | 'floor'
  | 'ceil'
  | 'round'
  /** bool → bool */
  | 'logicalNot'
  /** any → bool */
  | 'isNaN'
  /** any → bool */
  | 'isFinite';

/**
 * Unary ops whose output dtype is bool.
 * @example
 * BOOL_UNARY_OPS.has('isNaN'); // true: its output is bool
 * BOOL_UNARY_OPS.has('exp'); // false
 */
export const BOOL_UNARY_OPS: ReadonlySet<UnaryOp> = new Set<UnaryOp>(['logicalNot', 'isNaN', 'isFinite']);

/**
 * Elementwise functions of two tensors with NumPy broadcasting. Both inputs have the same
 * dtype (ops promote first). Comparisons and logical ops produce bool; the rest keep the dtype.
 * @example
 * const op: BinaryOp = 'maximum';
 * runKernel('Binary', [a, b], { op }); // a and b share one dtype
 */
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'floorDiv'
  | 'mod'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'atan2'
  | 'equal'
  | 'notEqual'
  | 'less'
  | 'lessEqual'
  | 'greater'
  | 'greaterEqual'
  | 'logicalAnd'
  | 'logicalOr'
  | 'logicalXor';

/**
 * Binary ops whose output dtype is bool.
 * @example
 * BOOL_BINARY_OPS.has('less'); // true
 * BOOL_BINARY_OPS.has('add'); // false
 */
export const BOOL_BINARY_OPS: ReadonlySet<BinaryOp> = new Set<BinaryOp>([
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'logicalAnd',
  'logicalOr',
  'logicalXor',
]);

/**
 * Reductions over `axes` (sorted, non-negative, non-empty). The reduced axes are removed from
 * the output shape. `argmax`/`argmin` take exactly one axis and produce int32; `any`/`all`
 * produce bool; `sum`/`prod` of bool produce int32; the rest keep the dtype.
 * @example
 * const op: ReduceOp = 'sum';
 * runKernel('Reduce', [x], { op, axes: [1] }); // x of shape [2, 3] → shape [2]
 */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'any' | 'all';

/**
 * Signature of every core primitive: its inputs and its attributes.
 * @example
 * type MatMulAttrs = CorePrimitives['MatMul']['attrs']; // { transposeA: boolean; transposeB: boolean }
 */
export interface CorePrimitives {
  Unary: { inputs: [x: TensorInfo]; attrs: { op: UnaryOp } };
  Binary: { inputs: [a: TensorInfo, b: TensorInfo]; attrs: { op: BinaryOp } };
  Reduce: { inputs: [x: TensorInfo]; attrs: { op: ReduceOp; axes: readonly number[] } };
  /** Batched matrix product; batch dims broadcast. Inputs have rank ≥ 2 and one dtype. */
  MatMul: { inputs: [a: TensorInfo, b: TensorInfo]; attrs: { transposeA: boolean; transposeB: boolean } };
  /** A copy with a new shape of the same size. */
  Reshape: { inputs: [x: TensorInfo]; attrs: { shape: readonly number[] } };
  /** Output axis i is input axis perm[i]. */
  Transpose: { inputs: [x: TensorInfo]; attrs: { perm: readonly number[] } };
  /** out[i…] = x[begin + i·step …] for an output of shape `size`. Steps may be negative. */
  StridedSlice: {
    inputs: [x: TensorInfo];
    attrs: { begin: readonly number[]; size: readonly number[]; step: readonly number[] };
  };
  /**
   * A copy of `x` with the strided region (as in StridedSlice) replaced by `value`, which has
   * shape `size` and x's dtype.
   */
  SliceUpdate: {
    inputs: [x: TensorInfo, value: TensorInfo];
    attrs: { begin: readonly number[]; size: readonly number[]; step: readonly number[] };
  };
  /** Joins inputs (one dtype, equal shapes except on `axis`) along `axis`. */
  Concat: { inputs: TensorInfo[]; attrs: { axis: number } };
  /** Picks slices of x along `axis` at int32 `indices`; out shape = x[:axis] + indices + x[axis+1:]. */
  Gather: { inputs: [x: TensorInfo, indices: TensorInfo]; attrs: { axis: number } };
  /** A copy of `x` with `updates` added at `indices` along `axis` (the adjoint of Gather). */
  ScatterAdd: { inputs: [x: TensorInfo, indices: TensorInfo, updates: TensorInfo]; attrs: { axis: number } };
  /** Converts values to `dtype` (float → int truncates toward zero; nonzero → true). */
  Cast: { inputs: [x: TensorInfo]; attrs: { dtype: DType } };
  /** A tensor of `shape` filled with `value`. */
  Fill: { inputs: []; attrs: { shape: readonly number[]; dtype: DType; value: number } };
  /**
   * Counter-based random numbers: element i is a pure function of (seed, offset + i), so every
   * backend produces the same values. `uniform` is in [low, high); `normal` has mean/std.
   */
  Random: {
    inputs: [];
    attrs: {
      shape: readonly number[];
      dtype: DType;
      distribution: 'uniform' | 'normal';
      seed: number;
      offset: number;
      a: number;
      b: number;
    };
  };
  /** Elementwise choice with broadcasting: cond (bool) ? a : b; a and b share a dtype. */
  Where: { inputs: [cond: TensorInfo, a: TensorInfo, b: TensorInfo]; attrs: Record<string, never> };
  /** Repeats x (NumPy broadcasting) to `shape`. */
  BroadcastTo: { inputs: [x: TensorInfo]; attrs: { shape: readonly number[] } };
  /**
   * 2-D convolution, NCHW input [N, C, H, W], OIHW weight [O, C/groups, kH, kW].
   * `pads` is [top, bottom, left, right].
   */
  Conv2D: {
    inputs: [x: TensorInfo, w: TensorInfo];
    attrs: { strides: [number, number]; pads: [number, number, number, number]; dilations: [number, number]; groups: number };
  };
  /**
   * Running sum or product along `axis`: out[…, i, …] = x[…, 0, …] ⊕ … ⊕ x[…, i, …], or with
   * `reverse` from the end (x[…, i, …] ⊕ … ⊕ x[…, n−1, …]). Output dtype = x's (not bool);
   * the scan sequences of cumsum/cumprod and their gradients.
   */
  Cumulative: { inputs: [x: TensorInfo]; attrs: { op: 'sum' | 'prod'; axis: number; reverse: boolean } };
  /**
   * The stable sort order (int32) of x along `axis`: out[…, j, …] is the index of the j-th
   * smallest (or with `descending` largest) element; equal elements keep their order and NaN
   * counts as larger than every number (last ascending, first descending).
   */
  Argsort: { inputs: [x: TensorInfo]; attrs: { axis: number; descending: boolean } };
  /** Max or average pooling over NCHW windows; padding is excluded from averages. */
  Pool2D: {
    inputs: [x: TensorInfo];
    attrs: {
      mode: 'max' | 'avg';
      kernel: [number, number];
      strides: [number, number];
      pads: [number, number, number, number];
    };
  };
}

/**
 * Names of the core primitives.
 * @example
 * const names: CorePrimitiveName[] = ['Unary', 'MatMul', 'Conv2D'];
 */
export type CorePrimitiveName = keyof CorePrimitives;

/**
 * The registry of all primitives: the core ones plus any a plugin adds by module augmentation:
 * @example
 * declare module '@mindts/tensor/backend' {
 *   interface Primitives { MyOp: { inputs: [TensorInfo]; attrs: { k: number } } }
 * }
 */
export interface Primitives extends CorePrimitives {}

/**
 * Names of every registered primitive signature.
 * @example
 * const name: PrimitiveName = 'Gather';
 * getKernel(name, 'cpu'); // the CPU backend's Gather kernel, once cpu() is registered
 */
export type PrimitiveName = keyof Primitives;

/**
 * Inputs of primitive `N`.
 * @example
 * type GatherInputs = PrimitiveInputs<'Gather'>; // [x: TensorInfo, indices: TensorInfo]
 */
export type PrimitiveInputs<N extends PrimitiveName> = Primitives[N] extends { inputs: infer I } ? I : never;

/**
 * Attributes of primitive `N`.
 * @example
 * const attrs: PrimitiveAttrs<'Transpose'> = { perm: [1, 0] };
 * runKernel('Transpose', [x], attrs);
 */
export type PrimitiveAttrs<N extends PrimitiveName> = Primitives[N] extends { attrs: infer A } ? A : never;

/**
 * A kernel: computes primitive `N` on backend `B`, returning a new tensor's info.
 * @example
 * // A Unary kernel for the CPU backend that delegates to the built-in one.
 * const myUnary: KernelFunc<'Unary', CpuBackend> = (backend, inputs, attrs) => cpuKernels.Unary(backend, inputs, attrs);
 * registerKernel({ name: 'Unary', backendName: 'cpu', kernelFunc: myUnary });
 */
export type KernelFunc<N extends PrimitiveName, B = unknown> = (
  backend: B,
  inputs: PrimitiveInputs<N>,
  attrs: PrimitiveAttrs<N>,
) => TensorInfo;

/**
 * A complete table of core kernels for backend `B`; use with `satisfies`.
 * @example
 * // The CPU table with its MatMul replaced; leave a primitive out and it does not compile.
 * const kernels = { ...cpuKernels, MatMul: myMatMul } satisfies KernelTable<CpuBackend>;
 */
export type KernelTable<B> = { [N in CorePrimitiveName]: KernelFunc<N, B> };
