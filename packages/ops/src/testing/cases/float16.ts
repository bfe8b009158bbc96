/**
 * float16 as mixed precision (amp level O2) uses it: stored as float16, computed in float32 and
 * rounded once per op. The ops of an MLP training step — MatMul with every transpose, a bias add,
 * ReLU and its gradient, the batch sum of a bias gradient, casts both ways, a CNN's convolution and
 * pooling — and the conversion
 * edge cases (ties to even, subnormals, overflow, ±∞, NaN). Products and sums may round to a
 * neighbouring float16 where the summation order differs, hence one float16 ulp of tolerance there.
 */
import * as ops from '../../index.js';
import { f32, i32, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out, toFloat16 } from './expected.js';

const h = (t: ReturnType<typeof f32>) => ops.cast(t, 'float16');
/** One float16 ulp relative (2^-10), and the same absolute near zero. */
const ULP = { rtol: 2 ** -10, atol: 2 ** -10 };

/** float16 bit-level edges: ties to even, the smallest subnormals and their ties, the largest finite, overflow. */
const EDGES = [
  1 + 2 ** -11,
  1 + 3 * 2 ** -11,
  2 ** -24,
  2 ** -25,
  3 * 2 ** -25,
  2 ** -26,
  2 ** -14 - 2 ** -25,
  65504,
  65519,
  65520,
  -1e6,
  -0,
];

/**
 * Every finite float16 value, then for each pair of neighbours their midpoint (a tie: to even)
 * and the float32 values just below and above it (each rounds to its nearer neighbour).
 */
function allHalves(): number[] {
  const finite: number[] = [];
  for (let bits = 0; bits < 0x10000; bits++) {
    const exponent = (bits >> 10) & 0x1f;
    if (exponent === 0x1f) continue;
    const mantissa = bits & 0x3ff;
    const magnitude = exponent === 0 ? mantissa * 2 ** -24 : (1 + mantissa / 1024) * 2 ** (exponent - 15);
    finite.push(bits & 0x8000 ? -magnitude : magnitude);
  }
  const out = [...finite];
  for (let i = 0; i + 1 < finite.length; i++) {
    const [a, b] = [finite[i] as number, finite[i + 1] as number];
    if (Math.sign(a) !== Math.sign(b) || a === b) continue;
    const mid = (a + b) / 2;
    const off = Math.abs(b - a) / 64;
    out.push(mid, Math.fround(mid - off), Math.fround(mid + off));
  }
  return out;
}

export const float16Cases: ConformanceCase[] = [
  {
    name: 'float16: cast rounds every float16 value, the midpoint between each pair of neighbours and points either side of it, exactly',
    ops: ['cast'],
    run: () => ops.cast(f32(allHalves()), 'float16'),
    expected: (() => {
      const values = allHalves();
      return out.f16(
        [values.length],
        values.map((v) => toFloat16(Math.fround(v))),
      );
    })(),
    tolerance: { atol: 0, rtol: 0 },
  },
  {
    name: 'float16: cast from float32 rounds ties to even, keeps subnormals, overflows to ±∞; back to float32 exactly',
    ops: ['cast'],
    run: () => {
      const x = h(f32(EDGES));
      return [x, ops.cast(x, 'float32')];
    },
    expected: [out.f16([EDGES.length], EDGES.map(toFloat16)), out.f32([EDGES.length], EDGES.map(toFloat16))],
    tolerance: { atol: 0, rtol: 0 },
  },
  {
    name: 'float16: ±∞ and NaN survive casts; int32 → float16 → int32 and float16 → bool',
    ops: ['cast'],
    run: () => {
      const special = h(f32([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0]));
      return [
        ops.cast(special, 'float32'),
        ops.cast(ops.cast(i32([-2049, 2049, 70000, 7]), 'float16'), 'float32'),
        ops.cast(special, 'bool'),
      ];
    },
    expected: [
      out.f32([4], [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0]),
      out.f32([4], [-2048, 2048, Number.POSITIVE_INFINITY, 7]),
      out.bool([4], [1, 1, 1, 0]),
    ],
    tolerance: { atol: 0, rtol: 0 },
  },
  {
    name: 'float16: matmul, small exact, every transpose combination',
    ops: ['matmul'],
    run: () => {
      const a = h(f32([1, 2, 3, 4, 5, 6], [2, 3]));
      const b = h(f32([7, 8, 9, 10, 11, 12], [3, 2]));
      return [
        ops.matmul(a, b),
        ops.matmul(ops.transpose(a, [1, 0]), b, { transposeA: true }),
        ops.matmul(a, ops.transpose(b, [1, 0]), { transposeB: true }),
        ops.matmul(ops.transpose(a, [1, 0]), ops.transpose(b, [1, 0]), { transposeA: true, transposeB: true }),
      ];
    },
    expected: [0, 1, 2, 3].map(() => out.f16([2, 2], [58, 64, 139, 154])),
  },
  {
    name: 'float16: matmul 33×70 @ 70×19 (seeded, not multiples of the tile), and a batched one',
    ops: ['matmul'],
    run: () => [
      ops.matmul(h(normal([33, 70], 161)), h(normal([70, 19], 162))),
      ops.matmul(h(normal([3, 9, 5], 163)), h(normal([19, 5], 164)), { transposeB: true }),
    ],
    tolerance: { rtol: 2 ** -9, atol: 2 ** -9 },
  },
  {
    name: 'float16: dense layer forward, x @ wᵀ + b → relu',
    ops: ['matmul', 'add', 'relu'],
    run: () =>
      ops.relu(ops.add(ops.matmul(h(uniform([8, 12], 165)), h(uniform([6, 12], 166)), { transposeB: true }), h(uniform([6], 167)))),
    tolerance: ULP,
  },
  {
    name: "float16: relu's gradient and a bias gradient (sum over the batch)",
    ops: ['relu', 'sum', 'grad'],
    run: () => {
      const x = h(uniform([16, 10], 168));
      const dy = h(uniform([16, 10], 169, -4, 4));
      const [, back] = ops.vjp((v) => ops.relu(v as ReturnType<typeof f32>), x);
      const dx = (back(dy) as ReturnType<typeof f32>[])[0] as ReturnType<typeof f32>;
      return [dx, ops.sum(dy, 0), ops.mean(dy, 1)];
    },
    tolerance: ULP,
  },
  {
    name: 'float16: elementwise arithmetic rounds once per op (sub, mul, div, maximum, exp, tanh, sigmoid, sqrt)',
    ops: ['sub', 'mul', 'div', 'maximum', 'exp', 'tanh', 'sigmoid', 'sqrt'],
    run: () => {
      const a = h(uniform([37], 170, -2, 2));
      const b = h(uniform([37], 171, 0.5, 2));
      return [ops.sub(a, b), ops.mul(a, b), ops.div(a, b), ops.maximum(a, b), ops.exp(a), ops.tanh(a), ops.sigmoid(a), ops.sqrt(b)];
    },
    tolerance: ULP,
  },
  {
    name: 'float16: exact elementwise values (1/3 rounds to 0.333251953125, 2049 to 2048)',
    ops: ['div', 'add'],
    run: () => [ops.div(h(f32([1, 2])), h(f32([3, 3]))), ops.add(h(f32([2048, 1])), h(f32([1, 1])))],
    expected: [out.f16([2], [toFloat16(1 / 3), toFloat16(2 / 3)]), out.f16([2], [2048, 2])],
    tolerance: { atol: 0, rtol: 0 },
  },
  {
    name: 'float16: conv2d (padding, stride), max and avg pooling, as a CNN at amp level O2 runs them',
    ops: ['conv2d', 'maxPool2d', 'avgPool2d'],
    run: () => {
      const y = ops.conv2d(h(uniform([2, 3, 9, 9], 173)), h(uniform([4, 3, 3, 3], 174)), { padding: 1, stride: 2 });
      return [y, ops.maxPool2d(y, 2, { stride: 2 }), ops.avgPool2d(y, 2, { stride: 1 })];
    },
    tolerance: { rtol: 2 ** -9, atol: 2 ** -9 },
  },
  {
    name: 'float16: softmax and log-softmax of logits, comparisons give bool',
    ops: ['softmax', 'logSoftmax', 'greater'],
    run: () => {
      const x = h(uniform([4, 10], 172, -3, 3));
      return [ops.softmax(x), ops.logSoftmax(x), ops.greater(x, h(f32([0])))];
    },
    tolerance: { rtol: 2 ** -9, atol: 2 ** -9 },
  },
];
