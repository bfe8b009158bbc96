/**
 * The scalar functions behind the `Binary` primitive, per dtype family: float ops in float64
 * with NumPy's floor-division/modulo and C's `pow` special cases; integer ops with 32-bit
 * wrap-around, C-style truncating `div` and 0 for division by zero; bool ops as logic.
 */
import type { DType } from '@mindts/tensor';
import type { BinaryOp } from '@mindts/tensor/backend';
import { isFloatDType } from './dtypeRules.js';

type Fn = (a: number, b: number) => number;

/**
 * NumPy's `divmod` for floats (npy_divmod): the quotient is floored, the remainder takes the
 * divisor's sign, and the quotient is snapped so that `q·b + r` reproduces `a`.
 * @example
 * floatDivmod(-7, 2); // [-4, 1]
 */
export function floatDivmod(a: number, b: number): [number, number] {
  let mod = a % b;
  if (b === 0) return [a / b, mod];
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floorDiv: number;
  if (div !== 0) {
    floorDiv = Math.floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1;
  } else {
    const q = a / b;
    floorDiv = q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  return [floorDiv, mod];
}

/** C's `pow`: 1 for `pow(1, y)` and `pow(x, ±0)` even with NaN, and `pow(-1, ±∞) = 1`. */
export function powFloat(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Number.POSITIVE_INFINITY || b === Number.NEGATIVE_INFINITY)) return 1;
  return a ** b;
}

/** Integer power by squaring; wraps at 32 bits when `wrap32`. Negative exponents truncate like C. */
export function powInt(a: number, b: number, wrap32: boolean): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  if (!wrap32) return a ** b;
  let result = 1;
  let base = a | 0;
  let e = b;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    e = Math.floor(e / 2);
  }
  return result;
}

// `+(a < b)` rather than `a < b ? 1 : 0`: V8 compiles the conversion without a branch, and a
// data-dependent branch costs ~20 ns per element on random data (a dropout mask).
const COMMON = {
  equal: (a, b) => +(a === b),
  notEqual: (a, b) => +(a !== b),
  less: (a, b) => +(a < b),
  lessEqual: (a, b) => +(a <= b),
  greater: (a, b) => +(a > b),
  greaterEqual: (a, b) => +(a >= b),
  logicalAnd: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logicalOr: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  logicalXor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
} satisfies Partial<Record<BinaryOp, Fn>>;

const FLOAT_OPS: Record<BinaryOp, Fn> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  floorDiv: (a, b) => floatDivmod(a, b)[0],
  mod: (a, b) => floatDivmod(a, b)[1],
  pow: powFloat,
  maximum: Math.max,
  minimum: Math.min,
  atan2: Math.atan2,
  ...COMMON,
};

/** Integer ops; results are stored into the dtype's typed array, which wraps narrower types. */
function intOps(wrap32: boolean): Partial<Record<BinaryOp, Fn>> {
  return {
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    mul: wrap32 ? Math.imul : (a, b) => a * b,
    // `+ 0` turns -0 into 0 for int64, which is held in a Float64Array.
    div: (a, b) => (b === 0 ? 0 : Math.trunc(a / b) + 0),
    floorDiv: (a, b) => (b === 0 ? 0 : Math.floor(a / b) + 0),
    mod: (a, b) => {
      if (b === 0) return 0;
      const r = a % b;
      return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
    },
    pow: (a, b) => powInt(a, b, wrap32),
    maximum: Math.max,
    minimum: Math.min,
    ...COMMON,
  };
}

const BOOL_OPS: Partial<Record<BinaryOp, Fn>> = {
  add: (a, b) => a | b,
  mul: (a, b) => a & b,
  maximum: (a, b) => a | b,
  minimum: (a, b) => a & b,
  ...COMMON,
};

/**
 * The scalar function of `op` on two elements of `dtype`; throws for an unknown op or one the
 * dtype does not support (`atan2` of ints, `sub` of bools).
 * @example
 * binaryFunction('mod', 'int32')(-7, 2); // 1
 */
export function binaryFunction(op: BinaryOp, dtype: DType): Fn {
  if (!Object.hasOwn(FLOAT_OPS, op)) {
    throw new TypeError(`Binary: unknown op ${JSON.stringify(op)}; expected one of ${Object.keys(FLOAT_OPS).join(', ')}.`);
  }
  if (isFloatDType(dtype)) return FLOAT_OPS[op];
  const fn = dtype === 'bool' ? BOOL_OPS[op] : intOps(dtype !== 'int64')[op];
  if (!fn) {
    const expected = dtype === 'bool' ? 'number inputs' : 'float inputs (float16, float32 or float64)';
    throw new TypeError(`Binary '${op}' needs ${expected}, but got ${dtype}; cast the inputs first.`);
  }
  return fn;
}
