import { expectTypeOf } from 'vitest';
import type { Nested, Tensor } from './index.js';

// Type-level contract of array() and arraySync(), checked by `tsc -p tsconfig.test.json` (never
// executed): nested number arrays by rank, booleans for bool, never `unknown`.
declare const f: Tensor<'float32'>;
declare const b: Tensor<'bool'>;
declare const any: Tensor;

expectTypeOf(f.array(2)).toEqualTypeOf<Promise<number[][]>>();
expectTypeOf(f.arraySync(0)).toEqualTypeOf<number>();
expectTypeOf(f.arraySync(3)).toEqualTypeOf<number[][][]>();
expectTypeOf(b.arraySync(1)).toEqualTypeOf<boolean[]>();
expectTypeOf(any.arraySync(1)).toEqualTypeOf<(number | boolean)[]>();
expectTypeOf(f.arraySync()).not.toBeUnknown();
expectTypeOf(f.arraySync()).toEqualTypeOf<Nested<number>>();
expectTypeOf(f.array()).toEqualTypeOf<Promise<Nested<number>>>();
expectTypeOf<number[][]>().toMatchTypeOf<Nested<number>>();
// @ts-expect-error: the rank is passed as a value (checked at run time), not only as a type.
f.array<2>();
// @ts-expect-error: ranks above 8 are not typed.
f.arraySync(9);
