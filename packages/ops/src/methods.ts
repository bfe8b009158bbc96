/**
 * MindSpore's Tensor methods (`x.reshape(2, 3)`, `x.sum(0)`, `x.T`, …), installed on
 * `Tensor.prototype` when `@mindts/ops` is imported, so `@mindts/tensor` alone stays small. The
 * module augmentation below types them for every importer of `@mindts/ops`. Each method is the op
 * of the same name with `this` as its input: same semantics, same errors.
 */
import { checkArity, type DType, type ElementOf, type Nested, Tensor, tidy } from '@mindts/tensor';
import { argmax, argmin } from './argmax.js';
import type { Axis } from './axes.js';
import { add, div, mul, pow, sub } from './binary.js';
import { cast } from './cast.js';
import { clip } from './clip.js';
import { matmul } from './matmul.js';
import { exp, log, sqrt } from './math.js';
import { checkTensor, copy, describe, type TensorOrNumber, toDType } from './operand.js';
import { amax, amin, mean, sum } from './reduce.js';
import { expandDims, squeeze, unsqueeze } from './shape/expandDims.js';
import { flatten } from './shape/flatten.js';
import { permute, swapaxes } from './shape/permute.js';
import { reshape } from './shape/reshape.js';
import { transpose } from './shape/transpose.js';
import { abs } from './unary.js';
import { where } from './where.js';

declare module '@mindts/tensor' {
  interface Tensor<D extends DType = DType> {
    /** The same elements in `shape` (`x.reshape(2, 3)` or `x.reshape([2, -1])`); `ops.reshape`. */
    reshape(shape: readonly number[]): Tensor<D>;
    /** {@link Tensor.reshape} with the dims as arguments: `x.reshape(2, -1)`. */
    reshape(...shape: number[]): Tensor<D>;
    /** {@link Tensor.reshape} (MindSpore `Tensor.view`). */
    view(shape: readonly number[]): Tensor<D>;
    /** {@link Tensor.view} with the dims as arguments: `x.view(2, -1)`. */
    view(...shape: number[]): Tensor<D>;
    /** Axes `startDim..endDim` merged (default: all, to 1-D; MindSpore `Tensor.flatten`). */
    flatten(startDim?: number, endDim?: number): Tensor<D>;
    /** Size-1 axes removed (all, or those in `axis`); `ops.squeeze`. */
    squeeze(axis?: number | readonly number[] | null): Tensor<D>;
    /** A size-1 axis inserted at `dim`; `ops.unsqueeze`. */
    unsqueeze(dim: number): Tensor<D>;
    /** A size-1 axis inserted at `axis`; `ops.expandDims`. */
    expandDims(axis: number): Tensor<D>;
    /** Axes permuted (`x.transpose(1, 0)` or `x.transpose([1, 0])`), reversed without arguments. */
    transpose(axes?: readonly number[]): Tensor<D>;
    /** {@link Tensor.transpose} with the axes as arguments: `x.transpose(1, 0)`. */
    transpose(...axes: number[]): Tensor<D>;
    /** Axes reordered (`x.permute(2, 0, 1)` or `x.permute([2, 0, 1])`); `ops.permute`. */
    permute(axes: readonly number[]): Tensor<D>;
    /** {@link Tensor.permute} with the axes as arguments: `x.permute(2, 0, 1)`. */
    permute(...axes: number[]): Tensor<D>;
    /** Axes `axis0` and `axis1` exchanged; `ops.swapaxes`. */
    swapaxes(axis0: number, axis1: number): Tensor<D>;
    /** The transpose (axes reversed), as `x.transpose()`. */
    readonly T: Tensor<D>;
    /** A copy converted to `dtype`; `ops.cast`. */
    astype<T extends DType>(dtype: T): Tensor<T>;
    /** The values read synchronously (MindSpore `asnumpy()`; `dataSync()`). */
    asnumpy(): ReturnType<Tensor<D>['dataSync']>;
    /** The one element as a number (a boolean for bool: typed so for a `Tensor<'bool'>`); the tensor must hold exactly one. */
    item(): ElementOf<D>;
    /** The values as nested arrays (`arraySync()`). */
    tolist(): Nested<ElementOf<D>>;
    /** A copy (MindSpore `Tensor.copy`). */
    copy(): Tensor<D>;
    /** Sum over `axis` (all by default); `ops.sum`. */
    sum(axis?: Axis, keepDims?: boolean): Tensor;
    /** Mean over `axis` (all by default); `ops.mean`. */
    mean(axis?: Axis, keepDims?: boolean): Tensor;
    /** Largest values over `axis` (all by default), without indices (`ops.amax`; `ops.max` gives indices). */
    max(axis?: Axis, keepDims?: boolean): Tensor<D>;
    /** Smallest values over `axis` (all by default), without indices (`ops.amin`). */
    min(axis?: Axis, keepDims?: boolean): Tensor<D>;
    /** Index of the largest element along `axis` (flattened without one); `ops.argmax`. */
    argmax(axis?: number | null, keepDims?: boolean): Tensor<'int32'>;
    /** Index of the smallest element along `axis`; `ops.argmin`. */
    argmin(axis?: number | null, keepDims?: boolean): Tensor<'int32'>;
    /** `|x|`; `ops.abs`. */
    abs(): Tensor;
    /** `eˣ`; `ops.exp`. */
    exp(): Tensor;
    /** `ln x`; `ops.log`. */
    log(): Tensor;
    /** `√x`; `ops.sqrt`. */
    sqrt(): Tensor;
    /** The matrix product with `other`; `ops.matmul`. */
    matmul(other: Tensor): Tensor;
    /** `x + other`; `ops.add`. */
    add(other: TensorOrNumber): Tensor;
    /** `x − other`; `ops.sub`. */
    sub(other: TensorOrNumber): Tensor;
    /** `x · other`; `ops.mul`. */
    mul(other: TensorOrNumber): Tensor;
    /** `x / other`; `ops.div`. */
    div(other: TensorOrNumber): Tensor;
    /** `x ** exponent`; `ops.pow`. */
    pow(exponent: TensorOrNumber): Tensor;
    /** Clamped to `[min, max]`; `ops.clip`. */
    clip(min?: TensorOrNumber | null, max?: TensorOrNumber | null): Tensor;
    /** `value` where the bool `mask` (broadcast) is true, else this tensor's element; keeps the dtype. */
    maskedFill(mask: Tensor, value: TensorOrNumber): Tensor<D>;
  }
}

/** `f(2, 3)` and `f([2, 3])` both give `[2, 3]`. */
function listArg(args: readonly unknown[], method: string): readonly number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0] as readonly number[];
  const bad = args.find((a) => typeof a !== 'number');
  if (bad !== undefined) throw new TypeError(`Tensor.${method}: expected integers or one array of integers, but got ${describe(bad)}.`);
  return args as readonly number[];
}

const METHODS: Record<string, (this: Tensor, ...args: never[]) => unknown> = {
  reshape(this: Tensor, ...shape: unknown[]) {
    return reshape(this, listArg(shape, 'reshape'));
  },
  view(this: Tensor, ...shape: unknown[]) {
    return reshape(this, listArg(shape, 'view'));
  },
  flatten(this: Tensor, startDim = 0, endDim = -1) {
    checkArity(arguments.length, 2, 'Tensor.flatten');
    return flatten(this, { startDim, endDim });
  },
  squeeze(this: Tensor, axis?: number | readonly number[] | null) {
    checkArity(arguments.length, 1, 'Tensor.squeeze');
    return squeeze(this, axis);
  },
  unsqueeze(this: Tensor, dim: number) {
    checkArity(arguments.length, 1, 'Tensor.unsqueeze');
    return unsqueeze(this, dim);
  },
  expandDims(this: Tensor, axis: number) {
    checkArity(arguments.length, 1, 'Tensor.expandDims');
    return expandDims(this, axis);
  },
  transpose(this: Tensor, ...axes: unknown[]) {
    return axes.length === 0 ? transpose(this) : transpose(this, listArg(axes, 'transpose'));
  },
  permute(this: Tensor, ...axes: unknown[]) {
    return permute(this, listArg(axes, 'permute'));
  },
  swapaxes(this: Tensor, axis0: number, axis1: number) {
    checkArity(arguments.length, 2, 'Tensor.swapaxes');
    return swapaxes(this, axis0, axis1);
  },
  astype(this: Tensor, dtype: DType) {
    checkArity(arguments.length, 1, 'Tensor.astype');
    return cast(this, dtype);
  },
  asnumpy(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.asnumpy');
    return this.dataSync();
  },
  item(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.item');
    if (this.size !== 1) {
      throw new RangeError(
        `Tensor.item: only a tensor with one element can be read as a number, but this one has shape [${this.shape.join(', ')}].`,
      );
    }
    const v = this.dataSync()[0] as number;
    return this.dtype === 'bool' ? v !== 0 : v;
  },
  tolist(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.tolist');
    return this.arraySync();
  },
  copy(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.copy');
    return copy(checkTensor(this, 'copy', 'input'));
  },
  sum(this: Tensor, axis?: Axis, keepDims = false) {
    checkArity(arguments.length, 2, 'Tensor.sum');
    return sum(this, axis, keepDims);
  },
  mean(this: Tensor, axis?: Axis, keepDims = false) {
    checkArity(arguments.length, 2, 'Tensor.mean');
    return mean(this, axis, keepDims);
  },
  max(this: Tensor, axis?: Axis, keepDims = false) {
    checkArity(arguments.length, 2, 'Tensor.max');
    return amax(this, axis, keepDims);
  },
  min(this: Tensor, axis?: Axis, keepDims = false) {
    checkArity(arguments.length, 2, 'Tensor.min');
    return amin(this, axis, keepDims);
  },
  argmax(this: Tensor, axis?: number | null, keepDims = false) {
    checkArity(arguments.length, 2, 'Tensor.argmax');
    return argmax(this, axis, keepDims);
  },
  argmin(this: Tensor, axis?: number | null, keepDims = false) {
    checkArity(arguments.length, 2, 'Tensor.argmin');
    return argmin(this, axis, keepDims);
  },
  abs(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.abs');
    return abs(this);
  },
  exp(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.exp');
    return exp(this);
  },
  log(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.log');
    return log(this);
  },
  sqrt(this: Tensor) {
    checkArity(arguments.length, 0, 'Tensor.sqrt');
    return sqrt(this);
  },
  matmul(this: Tensor, other: Tensor) {
    checkArity(arguments.length, 1, 'Tensor.matmul');
    return matmul(this, other);
  },
  add(this: Tensor, other: TensorOrNumber) {
    checkArity(arguments.length, 1, 'Tensor.add');
    return add(this, other);
  },
  sub(this: Tensor, other: TensorOrNumber) {
    checkArity(arguments.length, 1, 'Tensor.sub');
    return sub(this, other);
  },
  mul(this: Tensor, other: TensorOrNumber) {
    checkArity(arguments.length, 1, 'Tensor.mul');
    return mul(this, other);
  },
  div(this: Tensor, other: TensorOrNumber) {
    checkArity(arguments.length, 1, 'Tensor.div');
    return div(this, other);
  },
  pow(this: Tensor, exponent: TensorOrNumber) {
    checkArity(arguments.length, 1, 'Tensor.pow');
    return pow(this, exponent);
  },
  clip(this: Tensor, min?: TensorOrNumber | null, max?: TensorOrNumber | null) {
    checkArity(arguments.length, 2, 'Tensor.clip');
    return clip(this, min, max);
  },
  maskedFill(this: Tensor, mask: Tensor, value: TensorOrNumber) {
    checkArity(arguments.length, 2, 'Tensor.maskedFill');
    checkTensor(mask, 'maskedFill', 'mask');
    if (mask.dtype !== 'bool') throw new TypeError(`maskedFill: mask must be a bool Tensor, but got ${mask.dtype}.`);
    if (!(value instanceof Tensor) && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TypeError(`maskedFill: value must be a Tensor or a number, but got ${describe(value)}.`);
    }
    // MindSpore's masked_fill keeps the input's dtype: the value is cast to it first.
    return tidy(() => where(mask, toDType(value, this.dtype), this));
  },
};

const INSTALLED = Symbol.for('mindts.ops.tensorMethods');

/** Puts the methods and `T` on `Tensor.prototype` once, however often this module is evaluated. */
function installTensorMethods(): void {
  const proto = Tensor.prototype as unknown as Record<PropertyKey, unknown>;
  if (proto[INSTALLED]) return;
  for (const [name, fn] of Object.entries(METHODS)) {
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(proto, 'T', {
    get(this: Tensor) {
      return transpose(this);
    },
    configurable: true,
    enumerable: false,
  });
  Object.defineProperty(proto, INSTALLED, { value: true });
}

installTensorMethods();
