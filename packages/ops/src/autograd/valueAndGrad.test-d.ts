import type { Tensor } from '@mindts/tensor';
import { expectTypeOf } from 'vitest';
import * as ops from '../index.js';

// Type-level contract of valueAndGrad and grad, checked by `tsc -p tsconfig.test.json` (never
// executed): the value has the type fn returns and the gradients the type the arguments imply,
// so no caller casts. Each line fails if the types fall back to the `Output`/`Grads` unions.
declare const x: Tensor<'float32'>;
declare const weight: Tensor & { readonly name: string };
declare const params: (Tensor & { readonly name: string })[];
declare const positions: number[];
const one = (a: Tensor) => ops.sum(ops.square(a));
const two = (a: Tensor, b: Tensor) => ops.sum(ops.mul(a, b));
const withAux = (a: Tensor) => [ops.sum(a), ops.mul(a, 2)] as const;

// Inputs only: a Tensor for one position (given or not), a tuple for a tuple of positions.
expectTypeOf(ops.valueAndGrad(one)(x)).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.valueAndGrad(one, 0)(x)).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.valueAndGrad(one, undefined, undefined)(x)).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.valueAndGrad(two, [0, 1])(x, x)[1]).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.valueAndGrad(two, [1])(x, x)[1]).branded.toEqualTypeOf<[Tensor]>();
expectTypeOf(ops.valueAndGrad(two, positions)(x, x)[1]).branded.toEqualTypeOf<Tensor[]>();
// The value keeps fn's own type: a typed Tensor, a tuple.
expectTypeOf(ops.valueAndGrad((a: Tensor<'float32'>) => ops.cast(a, 'float16'))(x)[0]).branded.toEqualTypeOf<Tensor<'float16'>>();
expectTypeOf(ops.valueAndGrad((a: Tensor) => [ops.sum(a), a])(x)[0]).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.valueAndGrad(withAux, 0, null, { hasAux: true })(x)).branded.toEqualTypeOf<[readonly [Tensor, Tensor], Tensor]>();

// Weights: an array (a ParameterTuple) or one Parameter.
expectTypeOf(ops.valueAndGrad(one, null, params)(x)).branded.toEqualTypeOf<[Tensor, Tensor[]]>();
expectTypeOf(ops.valueAndGrad(one, null, weight)(x)).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.valueAndGrad(one, 0, params)(x)[1]).branded.toEqualTypeOf<[Tensor, Tensor[]]>();
expectTypeOf(ops.valueAndGrad(two, [0, 1], params)(x, x)[1]).branded.toEqualTypeOf<[[Tensor, Tensor], Tensor[]]>();
expectTypeOf(ops.valueAndGrad(one, 0, null)(x)[1]).branded.toEqualTypeOf<Tensor>();

// grad: the gradients alone, or [gradients, aux] with hasAux.
expectTypeOf(ops.grad(one)(x)).branded.toEqualTypeOf<Tensor>();
expectTypeOf(ops.grad(two, [0, 1])(x, x)).branded.toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(ops.grad(one, null, params)(x)).branded.toEqualTypeOf<Tensor[]>();
expectTypeOf(ops.grad(one, 0, params)(x)).branded.toEqualTypeOf<[Tensor, Tensor[]]>();
expectTypeOf(ops.grad(withAux, 0, undefined, { hasAux: true })(x)).branded.toEqualTypeOf<[Tensor, [Tensor]]>();
expectTypeOf(ops.grad(one, 0, undefined, { hasAux: false })(x)).branded.toEqualTypeOf<Tensor>();
// Nested: the gradient of a gradient is a Tensor, with no cast.
expectTypeOf(ops.grad((a: Tensor) => ops.grad(one)(a))(x)).branded.toEqualTypeOf<Tensor>();

// @ts-expect-error: fn must return a Tensor or Tensors.
ops.valueAndGrad((a: Tensor) => a.shape);
// @ts-expect-error: gradPosition is an index or indices.
ops.valueAndGrad(one, '0');
