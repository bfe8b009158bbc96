/**
 * In-place updates: assign, assignAdd, assignSub and applyGradientDescent write into the variable
 * they are given; and ReLU's gradient, which (like applyGradientDescent) runs as one fused kernel
 * on backends that compile elementwise programs.
 */
import type { Tensor } from '@mindts/tensor';
import * as ops from '../../index.js';
import { f32, i32, normal, uniform } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out } from './expected.js';

/**
 * Cases for assign, assignAdd, assignSub and applyGradientDescent, and ReLU's gradient. Each returns the variable itself, so the check
 * reads the updated storage, not a copy.
 * @example
 * import { assignCases } from '@mindts/ops/testing';
 * assignCases.length;
 */
export const assignCases: readonly ConformanceCase[] = [
  {
    name: 'assign: a tensor value replaces the variable in place',
    ops: ['assign'],
    run: () => {
      const v = f32([1, 2, 3]);
      ops.assign(v, f32([-1, 0.5, 9]));
      return v;
    },
    expected: out.f32([3], [-1, 0.5, 9]),
  },
  {
    name: 'assign: a number broadcasts; an int32 value casts up to a float32 variable',
    ops: ['assign'],
    run: () => [
      ops.assign(
        f32([
          [1, 2],
          [3, 4],
        ]),
        7,
      ),
      ops.assign(f32([0, 0]), i32([5, -6])),
    ],
    expected: [out.f32([2, 2], [7, 7, 7, 7]), out.f32([2], [5, -6])],
  },
  {
    name: 'assignAdd: float32 and int32 variables',
    ops: ['assignAdd'],
    run: () => [ops.assignAdd(f32([1, 2, 3]), f32([0.5, -2, 10])), ops.assignAdd(i32([1, 2]), 40)],
    expected: [out.f32([3], [1.5, 0, 13]), out.i32([2], [41, 42])],
  },
  {
    name: 'assignSub: float32 and int32 variables',
    ops: ['assignSub'],
    run: () => [ops.assignSub(f32([1, 2, 3]), f32([0.5, -2, 10])), ops.assignSub(i32([1, 2]), i32([3, -3]))],
    expected: [out.f32([3], [0.5, 4, -7]), out.i32([2], [-2, 5])],
  },
  {
    name: 'assign, assignAdd, assignSub: a seeded SGD-like sequence on 9×7',
    ops: ['assign', 'assignAdd', 'assignSub'],
    run: () => {
      const w = normal([9, 7], 131);
      const g = normal([9, 7], 132);
      ops.assignSub(w, ops.mul(g, 0.1));
      ops.assignAdd(w, ops.mul(w, 0.01));
      const snapshot = ops.mul(w, 1);
      ops.assign(w, ops.sub(w, g));
      return [snapshot, w];
    },
  },
  {
    name: 'applyGradientDescent: var − alpha·delta in place; alpha a number or a [1] tensor, an int32 delta cast up',
    ops: ['applyGradientDescent'],
    run: () => {
      // MindSpore's example: ones − 0.001 · 0.1.
      const v = f32([
        [1, 1],
        [1, 1],
      ]);
      ops.applyGradientDescent(v, 0.001, f32([0.1, 0.1, 0.1, 0.1], [2, 2]));
      const w = f32([1, 2, 3]);
      ops.applyGradientDescent(w, f32([0.5]), i32([2, -2, 4]));
      return [v, w];
    },
    expected: [out.f32([2, 2], [0.9999, 0.9999, 0.9999, 0.9999]), out.f32([3], [0, 3, 1])],
  },
  {
    name: 'applyGradientDescent: a seeded 64×80 update with a scalar-tensor rate, twice',
    ops: ['applyGradientDescent'],
    run: () => {
      const w = normal([64, 80], 141);
      const lr = f32(0.05);
      ops.applyGradientDescent(w, lr, normal([64, 80], 142));
      return ops.applyGradientDescent(w, lr, normal([64, 80], 143));
    },
  },
  {
    name: 'applyGradientDescent: three steps of w ← w − lr·(dyᵀ·x), w read by x·wᵀ after each, w [256, 256] and [12, 16]',
    ops: ['applyGradientDescent', 'matmul'],
    run: () => {
      // A training loop's shape: on WebGL2 the products may stay blocked, the large w in packed rows.
      const out: Tensor[] = [];
      for (const [n, k, seed] of [
        [256, 256, 151],
        [12, 16, 155],
      ] as const) {
        const [x, dy, w] = [uniform([8, k], seed), uniform([8, n], seed + 1), uniform([n, k], seed + 2)];
        for (let step = 0; step < 3; step++) {
          out.push(ops.matmul(x, w, { transposeB: true }));
          ops.applyGradientDescent(w, 0.25, ops.matmul(dy, x, { transposeA: true }));
        }
        out.push(w);
      }
      return out;
    },
  },
  {
    name: 'grad of relu: dy where x > 0, else 0 (0, −0, NaN and ±∞ included)',
    ops: ['relu', 'grad'],
    run: () => {
      const dy = f32([1, 2, 3, 4, 5, 6, 7, 8]);
      const f = (x: Tensor) => ops.sum(ops.mul(ops.relu(x), dy));
      return ops.grad(f)(f32([-2, 0, 3, Number.NaN, 1e-30, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]));
    },
    expected: out.f32([8], [0, 0, 3, 0, 5, 0, 7, 0]),
  },
  {
    name: 'grad of relu: a seeded 64×80 input under a seeded upstream gradient',
    ops: ['relu', 'grad'],
    run: () => {
      const dy = normal([64, 80], 145);
      return ops.grad((x: Tensor) => ops.sum(ops.mul(ops.relu(x), dy)))(normal([64, 80], 144));
    },
  },
];
