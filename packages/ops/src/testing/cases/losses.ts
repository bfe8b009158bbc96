/**
 * The functional losses: `mseLoss`, `l1Loss`, `smoothL1Loss`, `binaryCrossEntropyWithLogits`,
 * `nllLoss` and `crossEntropy`, against float64 formulas.
 */
import * as ops from '../../index.js';
import { f32, i32, normal, randInt } from '../inputs.js';
import type { ConformanceCase } from '../types.js';
import { out, softplus } from './expected.js';

const P = [1, 2, 3, -1];
const T = [1, 1, 1, 0.5];
const diffs = P.map((p, i) => p - (T[i] as number));
const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

const regressionCases: ConformanceCase[] = [
  {
    name: 'mseLoss: mean (default), sum, none; target broadcast',
    ops: ['mseLoss'],
    run: () => [
      ops.mseLoss(f32(P), f32(T)),
      ops.mseLoss(f32(P), f32(T), { reduction: 'sum' }),
      ops.mseLoss(f32(P), f32(T), { reduction: 'none' }),
      ops.mseLoss(f32([[1, 2]]), f32([0]), { reduction: 'none' }),
    ],
    expected: [
      out.f32([], [meanOf(diffs.map((d) => d * d))]),
      out.f32([], [sumOf(diffs.map((d) => d * d))]),
      out.f32(
        [4],
        diffs.map((d) => d * d),
      ),
      out.f32([1, 2], [1, 4]),
    ],
  },
  {
    name: 'l1Loss: mean (default), sum, none',
    ops: ['l1Loss'],
    run: () => [
      ops.l1Loss(f32(P), f32(T)),
      ops.l1Loss(f32(P), f32(T), { reduction: 'sum' }),
      ops.l1Loss(f32(P), f32(T), { reduction: 'none' }),
    ],
    expected: [out.f32([], [meanOf(diffs.map(Math.abs))]), out.f32([], [sumOf(diffs.map(Math.abs))]), out.f32([4], diffs.map(Math.abs))],
  },
  {
    name: 'smoothL1Loss: none (default), beta 0.5 with mean',
    ops: ['smoothL1Loss'],
    run: () => [
      ops.smoothL1Loss(f32([1, 2, 3]), f32([1, 2, 2])),
      ops.smoothL1Loss(f32([0, 0.3, -1.5]), f32([0, 0, 0]), { beta: 0.5, reduction: 'mean' }),
    ],
    expected: [out.f32([3], [0, 0, 0.5]), out.f32([], [(0 + (0.5 * 0.09) / 0.5 + (1.5 - 0.25)) / 3])],
  },
];

const X = [0, 2, -3, 40];
const Y = [1, 0, 1, 0];
const W = [1, 0.5, 2, 1];
/** −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], with log σ(x) = −softplus(−x) and log(1 − σ(x)) = −softplus(x). */
const bce = (x: number, y: number, w = 1, p = 1) => w * (p * y * softplus(-x) + (1 - y) * softplus(x));

const bceCases: ConformanceCase[] = [
  {
    name: 'binaryCrossEntropyWithLogits: mean, and none with weight and posWeight, stable at x = 40',
    ops: ['binaryCrossEntropyWithLogits'],
    run: () => [
      ops.binaryCrossEntropyWithLogits(f32(X), f32(Y)),
      ops.binaryCrossEntropyWithLogits(f32(X), f32(Y), { weight: f32(W), posWeight: f32([3]), reduction: 'none' }),
      ops.binaryCrossEntropyWithLogits(f32([[0.5, -0.5]]), f32([[1, 0]]), { reduction: 'sum' }),
    ],
    expected: [
      out.f32([], [meanOf(X.map((x, i) => bce(x, Y[i] as number)))]),
      out.f32(
        [4],
        X.map((x, i) => bce(x, Y[i] as number, W[i], 3)),
      ),
      out.f32([], [bce(0.5, 1) + bce(-0.5, 0)]),
    ],
  },
];

const LOGITS = [
  [2, 0, 0],
  [0.5, 1.5, -1],
  [-2, 1, 3],
];
const logSoftmaxRow = (r: readonly number[]) => {
  const m = Math.max(...r);
  const lse = m + Math.log(sumOf(r.map((x) => Math.exp(x - m))));
  return r.map((x) => x - lse);
};

/** MindSpore's class-index cross entropy on log-probabilities `logp`, in float64. */
function nllRef(
  logp: readonly (readonly number[])[],
  target: readonly number[],
  opts: { weight?: readonly number[]; ignore?: number; reduction?: 'mean' | 'sum' | 'none'; smoothing?: number } = {},
): number[] {
  const c = (logp[0] as number[]).length;
  const w = opts.weight ?? new Array<number>(c).fill(1);
  const ls = opts.smoothing ?? 0;
  const ignore = opts.ignore ?? -100;
  const loss = logp.map((r, n) => (target[n] === ignore ? 0 : -(w[target[n] as number] as number) * (r[target[n] as number] as number)));
  const smooth = logp.map((r, n) => (target[n] === ignore ? 0 : -sumOf(r.map((v, j) => v * (w[j] as number)))));
  const mix = (a: number, b: number) => (ls === 0 ? a : (1 - ls) * a + (ls / c) * b);
  if (opts.reduction === 'none') return loss.map((l, n) => mix(l, smooth[n] as number));
  let [l, s] = [sumOf(loss), sumOf(smooth)];
  if ((opts.reduction ?? 'mean') === 'mean') {
    const total = sumOf(target.map((t) => (t === ignore ? 0 : (w[t] as number))));
    [l, s] = [l / total, s / total];
  }
  return [mix(l, s)];
}
const LOGP = LOGITS.map(logSoftmaxRow);

const classCases: ConformanceCase[] = [
  {
    name: 'nllLoss: mean, weighted mean, ignoreIndex, sum, none',
    ops: ['nllLoss'],
    run: () => {
      const x = f32(LOGP);
      return [
        ops.nllLoss(x, i32([1, 0, 2])),
        ops.nllLoss(x, i32([1, 0, 2]), { weight: f32([1, 2, 3]) }),
        ops.nllLoss(x, i32([1, -1, 2]), { ignoreIndex: -1 }),
        ops.nllLoss(x, i32([1, 0, 2]), { reduction: 'sum' }),
        ops.nllLoss(x, i32([1, 0, 2]), { reduction: 'none', weight: f32([1, 2, 3]) }),
      ];
    },
    expected: [
      out.f32([], nllRef(LOGP, [1, 0, 2])),
      out.f32([], nllRef(LOGP, [1, 0, 2], { weight: [1, 2, 3] })),
      out.f32([], nllRef(LOGP, [1, -1, 2], { ignore: -1 })),
      out.f32([], nllRef(LOGP, [1, 0, 2], { reduction: 'sum' })),
      out.f32([3], nllRef(LOGP, [1, 0, 2], { reduction: 'none', weight: [1, 2, 3] })),
    ],
  },
  {
    name: 'crossEntropy: class indices with weight, ignoreIndex and labelSmoothing',
    ops: ['crossEntropy'],
    run: () => {
      const x = f32(LOGITS);
      return [
        ops.crossEntropy(f32([[2, 0, 0]]), i32([0])),
        ops.crossEntropy(x, i32([0, 2, 1])),
        ops.crossEntropy(x, i32([0, 2, -100]), { weight: f32([0.5, 1, 2]), labelSmoothing: 0.1 }),
        ops.crossEntropy(x, i32([2, 1, 0]), { reduction: 'none', labelSmoothing: 0.2 }),
      ];
    },
    expected: [
      out.f32([], [Math.log(1 + 2 * Math.exp(-2))]),
      out.f32([], nllRef(LOGP, [0, 2, 1])),
      out.f32([], nllRef(LOGP, [0, 2, -100], { weight: [0.5, 1, 2], smoothing: 0.1 })),
      out.f32([3], nllRef(LOGP, [2, 1, 0], { reduction: 'none', smoothing: 0.2 })),
    ],
  },
  {
    name: 'crossEntropy: class probabilities, mean and none',
    ops: ['crossEntropy'],
    run: () => {
      const probs = f32([
        [1, 0, 0],
        [0.25, 0.5, 0.25],
        [0, 0, 1],
      ]);
      return [ops.crossEntropy(f32(LOGITS), probs), ops.crossEntropy(f32(LOGITS), probs, { reduction: 'none' })];
    },
    expected: (() => {
      const q = [
        [1, 0, 0],
        [0.25, 0.5, 0.25],
        [0, 0, 1],
      ];
      const rows = LOGP.map((r, n) => -sumOf(r.map((v, j) => v * (q[n]?.[j] as number))));
      return [out.f32([], [meanOf(rows)]), out.f32([3], rows)];
    })(),
  },
  {
    name: 'crossEntropy: [N, C, d] logits, seeded',
    ops: ['crossEntropy'],
    run: () => ops.crossEntropy(normal([4, 5, 3], 46), randInt([4, 3], 47, 0, 5)),
  },
];

/**
 * Every case of this family.
 * @example
 * lossCases.map((c) => c.name);
 */
export const lossCases: ConformanceCase[] = [...regressionCases, ...bceCases, ...classCases];
