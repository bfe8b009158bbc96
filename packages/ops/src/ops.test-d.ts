import { type Tensor, tensor } from '@mindts/tensor';
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
