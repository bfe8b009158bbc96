/**
 * The arguments of the bad-input walk (badInputWalk.test.ts): the bad values it substitutes, one
 * argument at a time, and a small table of valid "base" arguments for the exports whose arguments
 * are not simply Tensors, so that each bad value reaches the check it targets.
 */
import fc from 'fast-check';
import { nn } from '../../../packages/cell/src/index.js';
import { memoryIO } from '../../../packages/checkpoint/src/index.js';
import * as ops from '../../../packages/ops/src/index.js';
import { Parameter } from '../../../packages/parameter/src/index.js';
import { type Tensor, tensor } from '../../../packages/tensor/src/index.js';

/** What a walk call made, disposed after the call so that only what the call leaked counts. */
export const made: { dispose(): void }[] = [];

/** A tensor the walk owns (disposed after the call). */
export function T(values: Parameters<typeof tensor>[0], dtype: 'float32' | 'float64' | 'int32' | 'int64' | 'bool' = 'float32'): Tensor {
  const t = tensor(values, dtype);
  made.push(t);
  return t;
}
const own = <C extends { dispose(): void }>(c: C): C => {
  made.push(c);
  return c;
};

export const x2 = (): Tensor =>
  T([
    [1, 2],
    [3, 4],
  ]);
const img = (): Tensor =>
  T([
    [
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    ],
  ]);
const ids = (): Tensor => T([0, 1], 'int32');
const param = (): Parameter => own(new Parameter(T([1, 2]), 'w'));

/** A named bad value; `make` builds a fresh one per call (a disposed tensor cannot be shared). */
export interface Bad {
  readonly name: string;
  make(): unknown;
}

const disposed = (): Tensor => {
  const t = tensor([1, 2]);
  t.dispose();
  return t;
};

/** The fixed list: every kind of wrong argument the issue names. */
export const BAD_VALUES: readonly Bad[] = [
  { name: 'null', make: () => null },
  { name: 'undefined', make: () => undefined },
  { name: '"abc"', make: () => 'abc' },
  { name: '""', make: () => '' },
  { name: 'NaN', make: () => Number.NaN },
  { name: 'Infinity', make: () => Number.POSITIVE_INFINITY },
  { name: '-Infinity', make: () => Number.NEGATIVE_INFINITY },
  { name: '2**31', make: () => 2 ** 31 },
  { name: '2**53', make: () => 2 ** 53 },
  { name: '-1', make: () => -1 },
  { name: '1.5', make: () => 1.5 },
  { name: 'true', make: () => true },
  { name: '[]', make: () => [] },
  { name: '[2**31]', make: () => [2 ** 31] },
  { name: '[-1, 2]', make: () => [-1, 2] },
  { name: '[1.5]', make: () => [1.5] },
  { name: '[NaN]', make: () => [Number.NaN] },
  // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input
  { name: '[w, , w] (hole)', make: () => [x2(), , x2()] },
  { name: 'fake Tensor', make: () => ({ shape: [2], dtype: 'float32' }) },
  { name: 'disposed Tensor', make: disposed },
  { name: 'int32 Tensor', make: () => T([1, 0], 'int32') },
  { name: 'bool Tensor', make: () => T([true, false], 'bool') },
  { name: 'int64 Tensor ≥ 2**32', make: () => T([2 ** 32, 0], 'int64') },
  { name: 'scalar Tensor', make: () => T(3) },
  { name: '{__proto__}', make: () => JSON.parse('{"__proto__": {"polluted": 1}}') },
  { name: 'function', make: () => () => 42 },
  { name: 'Symbol', make: () => Symbol('bad') },
];

/** More bad values from fast-check (seeded, so every run walks the same calls). */
export function generatedBadValues(count: number, seed: number): Bad[] {
  const arb = fc.oneof(
    fc.double(),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.string({ maxLength: 4 }),
    fc.array(fc.oneof(fc.integer({ min: -3, max: 2 ** 33 }), fc.double()), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('__proto__', 'shape', 'dtype', 'constructor', 'x'), fc.oneof(fc.integer(), fc.string())),
  );
  return fc.sample(arb, { seed, numRuns: count }).map((v, i) => ({ name: `fc#${i} ${safeShow(v)}`, make: () => structuredClone(v) }));
}

function safeShow(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 40) ?? String(v);
  } catch {
    return typeof v;
  }
}

/**
 * Valid base arguments of exports whose arguments are not all Tensors (by `entry name` + export
 * path; the umbrella's re-exports are the same functions). Others get Tensors up to their arity.
 */
export const BASE: Record<string, () => unknown[]> = {
  'tensor tensor': () => [[1, 2], 'float32'],
  'tensor Tensor': () => [[1, 2], 'float32'],
  'tensor fromValues': () => [[1, 2, 3, 4], [2, 2], 'float32'],
  'tensor zeros': () => [[2, 3], 'float32'],
  'tensor ones': () => [[2, 3], 'float32'],
  'tensor fill': () => [[2, 3], 1, 'float32'],
  'tensor eye': () => [2, 3, 'float32'],
  'tensor arange': () => [0, 3, 1, 'float32'],
  'tensor linspace': () => [0, 1, 3],
  'tensor rand': () => [[2, 3], {}],
  'tensor randn': () => [[2, 3], {}],
  'tensor broadcastShapes': () => [
    [2, 1],
    [1, 3],
  ],
  'tensor slice': () => [0, 2, 1],
  'tensor Slice': () => [0, 2, 1],
  'tensor tidy': () => [() => 1],
  'tensor keep': () => [x2()],
  'tensor setSeed': () => [1],
  'tensor checkArity': () => [1, 2, 'f'],
  'tensor checkOptions': () => [{}, 'f', {}],
  'tensor assertDType': () => ['float32'],
  'tensor bytesPerElement': () => ['float32'],
  'tensor promoteTypes': () => ['float32', 'int32'],
  'ops zeros': () => [[2, 3], 'float32'],
  'ops ones': () => [[2, 3], 'float32'],
  'ops full': () => [[2, 3], 1, {}],
  'ops fill': () => ['float32', [2, 3], 1],
  'ops fullLike': () => [x2(), 1, {}],
  'ops arange': () => [0, 3, 1, {}],
  'ops oneHot': () => [ids(), 3, 1, 0, -1],
  'ops gather': () => [x2(), ids(), 0],
  'ops gatherElements': () => [
    x2(),
    1,
    T(
      [
        [0, 1],
        [1, 0],
      ],
      'int32',
    ),
  ],
  'ops scatter': () => [
    x2(),
    1,
    T(
      [
        [0, 1],
        [1, 0],
      ],
      'int32',
    ),
    x2(),
  ],
  'ops tensorScatterElements': () => [T([1, 2]), [0], T([5]), {}],
  'ops concat': () => [[x2(), x2()], 0],
  'ops cat': () => [[x2(), x2()], 0],
  'ops stack': () => [[x2(), x2()], 0],
  'ops reshape': () => [x2(), [4]],
  'ops broadcastTo': () => [x2(), [2, 2, 2]],
  'ops expandDims': () => [x2(), 0],
  'ops unsqueeze': () => [x2(), 0],
  'ops squeeze': () => [x2(), null],
  'ops permute': () => [x2(), [1, 0]],
  'ops transpose': () => [x2(), [1, 0]],
  'ops swapaxes': () => [x2(), 0, 1],
  'ops slice': () => [x2(), [0, 0], [1, 2]],
  'ops split': () => [x2(), 1, 0],
  'ops tile': () => [x2(), [2, 1]],
  'ops sum': () => [x2(), 0, false],
  'ops mean': () => [x2(), 0, false],
  'ops cast': () => [x2(), 'int32'],
  'ops clip': () => [x2(), 0, 1],
  'ops clamp': () => [x2(), 0, 1],
  'ops dropout': () => [x2(), 0.5, {}],
  'ops pad': () => [x2(), [1, 1], {}],
  'ops topk': () => [x2(), 1, {}],
  'ops cumsum': () => [x2(), 0, {}],
  'ops cumprod': () => [x2(), 0, {}],
  'ops repeatInterleave': () => [x2(), 2, 0],
  'ops multinomial': () => [T([0.5, 0.5]), 1, {}],
  'ops conv2d': () => [img(), T([[[[1]]]]), {}],
  'ops conv2dTranspose': () => [img(), T([[[[1]]]]), {}],
  'ops conv1d': () => [T([[[1, 2, 3]]]), T([[[1]]]), {}],
  'ops avgPool2d': () => [img(), 2, {}],
  'ops maxPool2d': () => [img(), 2, {}],
  'ops adaptiveAvgPool2d': () => [img(), [1, 1]],
  'ops interpolate': () => [img(), { size: [4, 4] }],
  'ops crossEntropy': () => [x2(), ids(), {}],
  'ops nllLoss': () => [x2(), ids(), {}],
  'ops layerNorm': () => [x2(), [2]],
  'ops maskedFill': () => [
    x2(),
    T(
      [
        [true, false],
        [false, true],
      ],
      'bool',
    ),
    0,
  ],
  'ops where': () => [
    T(
      [
        [true, false],
        [false, true],
      ],
      'bool',
    ),
    x2(),
    x2(),
  ],
  'ops einsum': () => ['ij,jk->ik', x2(), x2()],
  'ops assign': () => [param(), T([5, 6])],
  'ops assignAdd': () => [param(), T([5, 6])],
  'ops assignSub': () => [param(), T([5, 6])],
  'ops applyGradientDescent': () => [param(), 0.1, T([5, 6])],
  'ops norm': () => [x2(), null, null, false, {}],
  'ops grad': () => [(a: Tensor) => ops.sum(a), 0, null, {}],
  'ops valueAndGrad': () => [(a: Tensor) => ops.sum(a), 0, null, {}],
  'ops vjp': () => [(a: Tensor) => ops.mul(a, 2), x2(), {}],
  'ops jvp': () => [(a: Tensor) => ops.mul(a, 2), x2(), x2(), {}],
  'ops vmap': () => [(a: Tensor) => ops.mul(a, 2), 0, 0],
  'ops stopGradient': () => [x2()],
  'parameter Parameter': () => [T([1, 2]), 'p', {}],
  'parameter ParameterTuple': () => [[param()]],
  'cell nn.Dense': () => [3, 2, {}],
  'cell nn.Conv2d': () => [1, 2, 3, {}],
  'cell nn.Conv1d': () => [1, 2, 3, {}],
  'cell nn.Conv2dTranspose': () => [1, 2, 3, {}],
  'cell nn.Embedding': () => [4, 2, {}],
  'cell nn.BatchNorm1d': () => [2, {}],
  'cell nn.BatchNorm2d': () => [2, {}],
  'cell nn.GroupNorm': () => [2, 4, {}],
  'cell nn.LayerNorm': () => [[4], {}],
  'cell nn.RNN': () => [2, 3, {}],
  'cell nn.LSTM': () => [2, 3, {}],
  'cell nn.GRU': () => [2, 3, {}],
  'cell nn.RNNCell': () => [2, 3, {}],
  'cell nn.LSTMCell': () => [2, 3, {}],
  'cell nn.GRUCell': () => [2, 3, {}],
  'cell nn.MultiheadAttention': () => [4, 2, {}],
  'cell nn.TransformerEncoderLayer': () => [4, 2, { dimFeedforward: 8 }],
  'cell nn.TransformerDecoderLayer': () => [4, 2, { dimFeedforward: 8 }],
  'cell nn.Adam': () => [[param()], {}],
  'cell nn.AdamW': () => [[param()], {}],
  'cell nn.SGD': () => [[param()], {}],
  'cell nn.Adagrad': () => [[param()], {}],
  'cell nn.RMSProp': () => [[param()], {}],
  'cell nn.Momentum': () => [[param()], 0.1, 0.9, {}],
  'cell nn.Transformer': () => [{ dModel: 4, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 8 }],
  'cell nn.SequentialCell': () => [[own(new nn.ReLU())]],
  'cell nn.CellList': () => [[], {}],
  'cell nn.CellDict': () => [null, {}],
  'checkpoint saveCheckpoint': () => [[{ name: 'w', data: T([1]) }], memoryIO()],
  'checkpoint loadCheckpoint': () => [memoryIO()],
  'checkpoint loadParamIntoNet': () => [own(new nn.Dense(1, 1)), {}],
  'checkpoint encodeCkpt': () => [[], {}],
  'checkpoint decodeCkpt': () => [new Uint8Array(0), 'memory', {}],
  'datasets batches': () => [x2(), ids(), 1, {}],
};
