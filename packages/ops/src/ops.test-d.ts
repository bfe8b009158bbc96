import { type Nested, type Tensor, tensor } from '@mindts/tensor';
import { expectTypeOf } from 'vitest';
import * as ops from './index.js';

// Type-level contract, checked by `tsc -p tsconfig.test.json` (never executed).
declare const f: Tensor<'float32'>;
declare const i: Tensor<'int32'>;

expectTypeOf(ops.cast(i, 'float16')).toEqualTypeOf<Tensor<'float16'>>();
expectTypeOf(ops.reshape(f, [2, -1])).toEqualTypeOf<Tensor<'float32'>>();
expectTypeOf(ops.transpose(i)).toEqualTypeOf<Tensor<'int32'>>();
expectTypeOf(ops.split(f, 2)).toEqualTypeOf<Tensor<'float32'>[]>();
expectTypeOf(ops.equal(f, 1)).toEqualTypeOf<Tensor<'bool'>>();
expectTypeOf(ops.argmax(f)).toEqualTypeOf<Tensor<'int32'>>();
expectTypeOf(ops.oneHot(i, 3)).toEqualTypeOf<Tensor<'float32'>>();
expectTypeOf(ops.assign(f, 1)).toEqualTypeOf<Tensor<'float32'>>();
expectTypeOf(ops.add).parameter(0).toEqualTypeOf<ops.TensorOrNumber>();
expectTypeOf(tensor([1])).toMatchTypeOf<Tensor>();
// @ts-expect-error: a dtype must be one of the DType names.
ops.cast(f, 'float');
// @ts-expect-error: gelu's approximate is 'none' or 'tanh'.
ops.gelu(f, { approximate: 'erf' });

// max/min: [values, indices] with an axis, the value alone without one.
expectTypeOf(ops.max(f, 1)).toEqualTypeOf<[Tensor, Tensor<'int32'>]>();
expectTypeOf(ops.min(f)).toEqualTypeOf<Tensor>();
// @ts-expect-error: several axes are ops.amax.
ops.max(f, [0, 1]);
// @ts-expect-error: MindSpore's flatten order is a string; a dim goes in the options.
ops.flatten(f, 0);
// @ts-expect-error: options objects are typed (and checked at run time).
ops.matmul(f, f, { transpose_b: true });

// Tensor methods, typed by importing @mindts/ops.
expectTypeOf(f.reshape(2, 3)).toEqualTypeOf<Tensor<'float32'>>();
expectTypeOf(i.view([6])).toEqualTypeOf<Tensor<'int32'>>();
expectTypeOf(f.T).toEqualTypeOf<Tensor<'float32'>>();
expectTypeOf(f.astype('int32')).toEqualTypeOf<Tensor<'int32'>>();
expectTypeOf(f.asnumpy()).toEqualTypeOf<Float32Array>();
expectTypeOf(f.argmax(0)).toEqualTypeOf<Tensor<'int32'>>();
expectTypeOf(f.maskedFill(ops.greater(f, 0), 0)).toEqualTypeOf<Tensor<'float32'>>();
expectTypeOf(f.ndim).toEqualTypeOf<number>();
expectTypeOf(f.strides).toEqualTypeOf<number[]>();
expectTypeOf(f.item()).toEqualTypeOf<number>();
expectTypeOf(ops.equal(f, 1).item()).toEqualTypeOf<boolean>();
expectTypeOf(f.tolist()).toEqualTypeOf<Nested<number>>();
