/**
 * Gradient rules of the elementwise primitives: Unary, Binary, Where, Cast.
 */
import { isFloat, type Tensor } from '@mindts/tensor';
import { runElementwise, runKernel, shapesEqual } from '@mindts/tensor/backend';
import { add, div, mul, sub } from '../binary.js';
import { greater, greaterEqual, less, lessEqual } from '../compare.js';
import { cos, exp, log, sin } from '../math.js';
import { scalar } from '../operand.js';
import { neg, sign, square } from '../unary.js';
import { where } from '../where.js';
import { type GradFunc, wants } from './gradFunc.js';
import { unbroadcast, zerosLike } from './unbroadcast.js';

const SQRT_2_PI = Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * ReLU's gradient `where(x > 0, dy, 0)`, as one fused kernel where the backend compiles
 * elementwise programs (MindSpore has a `ReluGrad` primitive for the same reason): no bool mask
 * tensor between the comparison and the select.
 */
function reluGrad(dy: Tensor, x: Tensor): Tensor {
  const stepwise = () => where(greater(x, 0), dy, 0);
  const dtype = x.dtype;
  if (dy.dtype !== dtype || !shapesEqual(dy.shape, x.shape)) return stepwise();
  const zero = scalar(0, dtype);
  try {
    const operand = { shape: x.shape, dtype };
    return runElementwise(
      {
        shape: x.shape,
        inputs: [operand, { shape: [], dtype }, operand],
        steps: [
          { kind: 'binary', op: 'greater', a: { input: 0 }, b: { input: 1 }, inDType: dtype, dtype: 'bool' },
          { kind: 'where', cond: { step: 0 }, a: { input: 2 }, b: { input: 1 }, inDType: dtype, dtype },
        ],
      },
      [x, zero, dy],
      stepwise,
    );
  } finally {
    zero.dispose();
  }
}

/** dy/dx of each float unary op, given x and the output y. */
const UNARY: Record<string, (dy: Tensor, x: Tensor, y: Tensor) => Tensor> = {
  neg: (dy) => neg(dy),
  abs: (dy, x) => mul(dy, sign(x)),
  sign: (_dy, x) => zerosLike(x),
  floor: (_dy, x) => zerosLike(x),
  ceil: (_dy, x) => zerosLike(x),
  round: (_dy, x) => zerosLike(x),
  exp: (dy, _x, y) => mul(dy, y),
  expm1: (dy, _x, y) => mul(dy, add(y, 1)),
  log: (dy, x) => div(dy, x),
  log1p: (dy, x) => div(dy, add(x, 1)),
  sqrt: (dy, _x, y) => div(mul(dy, 0.5), y),
  rsqrt: (dy, _x, y) => mul(dy, mul(-0.5, mul(y, square(y)))),
  square: (dy, x) => mul(dy, mul(x, 2)),
  reciprocal: (dy, _x, y) => neg(mul(dy, square(y))),
  sin: (dy, x) => mul(dy, cos(x)),
  cos: (dy, x) => neg(mul(dy, sin(x))),
  tan: (dy, _x, y) => mul(dy, add(square(y), 1)),
  tanh: (dy, _x, y) => mul(dy, sub(1, square(y))),
  sigmoid: (dy, _x, y) => mul(dy, mul(y, sub(1, y))),
  relu: (dy, x) => reluGrad(dy, x),
  // d/dx x·Φ(x) = Φ(x) + x·φ(x); Φ(x) = y / x is unstable at 0, so recompute it.
  gelu: (dy, x) => {
    const cdf = mul(add(runKernel('Unary', [mul(x, Math.SQRT1_2)], { op: 'erf' }), 1), 0.5);
    const pdf = div(exp(mul(square(x), -0.5)), SQRT_2_PI);
    return mul(dy, add(cdf, mul(x, pdf)));
  },
  softplus: (dy, x) => mul(dy, runKernel('Unary', [x], { op: 'sigmoid' })),
  erf: (dy, x) => mul(dy, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI)),
};

/** Gradient of `Unary`. */
export const unaryGrad: GradFunc<'Unary'> = (dy, { inputs: [x], output, attrs: { op } }) => {
  const rule = UNARY[op];
  if (!x || !isFloat(x.dtype) || !rule) return [undefined];
  return [rule(dy, x, output)];
};

/** Gradients of `Binary` for both operands, before un-broadcasting, each computed when called. */
function binaryParts(op: string, dy: Tensor, a: Tensor, b: Tensor, y: Tensor): [() => Tensor, () => Tensor] | undefined {
  switch (op) {
    case 'add':
      return [() => dy, () => dy];
    case 'sub':
      return [() => dy, () => neg(dy)];
    case 'mul':
      return [() => mul(dy, b), () => mul(dy, a)];
    case 'div':
      return [() => div(dy, b), () => neg(div(mul(dy, y), b))];
    case 'pow':
      return [
        () => mul(dy, mul(b, runKernel('Binary', [a, sub(b, 1)], { op: 'pow' }))),
        () => mul(dy, mul(y, where(greater(a, 0), log(where(greater(a, 0), a, 1)), 0))),
      ];
    case 'maximum':
      return [() => where(greaterEqual(a, b), dy, 0), () => where(less(a, b), dy, 0)];
    case 'minimum':
      return [() => where(lessEqual(a, b), dy, 0), () => where(greater(a, b), dy, 0)];
    case 'atan2': {
      const r2 = () => add(square(a), square(b));
      return [() => div(mul(dy, b), r2()), () => neg(div(mul(dy, a), r2()))];
    }
    case 'floorDiv':
      return [() => zerosLike(a), () => zerosLike(b)];
    case 'mod':
      return [() => dy, () => neg(mul(dy, runKernel('Binary', [a, b], { op: 'floorDiv' })))];
    default:
      return undefined; // comparisons and logical ops have no gradient
  }
}

/** Gradient of `Binary` (sums back over broadcast axes), for the operands that want one. */
export const binaryGrad: GradFunc<'Binary'> = (dy, node) => {
  const {
    inputs: [a, b],
    output,
    attrs: { op },
  } = node;
  if (!a || !b || !isFloat(a.dtype)) return [undefined, undefined];
  const parts = binaryParts(op, dy, a, b, output);
  if (!parts) return [undefined, undefined];
  return [wants(node, 0) ? unbroadcast(parts[0](), a.shape) : undefined, wants(node, 1) ? unbroadcast(parts[1](), b.shape) : undefined];
};

/** Gradient of `Where`: the chosen side gets dy. */
export const whereGrad: GradFunc<'Where'> = (dy, node) => {
  const [cond, a, b] = node.inputs;
  if (!cond || !a || !b || !isFloat(a.dtype)) return [undefined, undefined, undefined];
  return [
    undefined,
    wants(node, 1) ? unbroadcast(where(cond, dy, 0), a.shape) : undefined,
    wants(node, 2) ? unbroadcast(where(cond, 0, dy), b.shape) : undefined,
  ];
};

/** Gradient of `Cast`: cast back, between float dtypes only. */
export const castGrad: GradFunc<'Cast'> = (dy, { inputs: [x], attrs: { dtype } }) => {
  if (!x || !isFloat(x.dtype) || !isFloat(dtype)) return [undefined];
  return [x.dtype === dy.dtype ? dy : runKernel('Cast', [dy], { dtype: x.dtype })];
};
