import { memory, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';
import { expectClose, useCpu, values } from './test/helpers.js';

beforeAll(useCpu);

const API = [
  ...['add', 'sub', 'mul', 'div', 'pow', 'neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'square', 'sin', 'cos', 'tanh'],
  ...['sigmoid', 'relu', 'gelu', 'softplus', 'maximum', 'minimum', 'clip', 'clamp', 'floorDiv', 'mod'],
  ...['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'],
  ...['logicalAnd', 'logicalOr', 'logicalNot', 'logicalXor', 'where'],
  ...['sum', 'mean', 'prod', 'max', 'min', 'argmax', 'argmin', 'logsumexp', 'any', 'all'],
  ...['matmul', 'softmax', 'logSoftmax', 'oneHot', 'cast'],
  ...['reshape', 'transpose', 'expandDims', 'squeeze', 'flatten', 'concat', 'stack', 'split', 'slice', 'gather', 'tile', 'broadcastTo'],
  ...['conv2d', 'maxPool2d', 'avgPool2d', 'dropout', 'assign', 'assignAdd', 'assignSub'],
  ...['ones', 'zeros', 'fill', 'full', 'arange', 'onesLike', 'zerosLike', 'fullLike', 'cat', 'unsqueeze', 'permute', 'swapaxes'],
  ...['bmm', 'std', 'var', 'variance', 'norm', 'amax', 'amin'],
  ...['mseLoss', 'l1Loss', 'smoothL1Loss', 'binaryCrossEntropyWithLogits', 'nllLoss', 'crossEntropy'],
];

describe('@mindts/ops', () => {
  it.each(API)('exports %s', (name) => {
    expect(typeof (ops as Record<string, unknown>)[name]).toBe('function');
  });

  it('a dense layer with softmax cross-entropy inside tidy frees every intermediate', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      'float32',
    );
    const w = tensor(
      [
        [0.1, -0.2, 0.3],
        [0.4, 0.5, -0.6],
      ],
      'float32',
    );
    const b = tensor([0.01, 0.02, 0.03], 'float32');
    const labels = tensor([0, 2, 1]);
    const before = memory().numTensors;
    const loss = tidy(() => {
      const logits = ops.add(ops.matmul(x, w), b);
      const logp = ops.logSoftmax(ops.relu(logits));
      return ops.neg(ops.mean(ops.sum(ops.mul(logp, ops.oneHot(labels, 3)), -1)));
    });
    expect(memory().numTensors).toBe(before + 1);
    // Reference in plain JS.
    const xs = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const ws = [
      [0.1, -0.2, 0.3],
      [0.4, 0.5, -0.6],
    ];
    const bs = [0.01, 0.02, 0.03];
    const lbl = [0, 2, 1];
    let total = 0;
    xs.forEach((row, i) => {
      const z = [0, 1, 2].map((j) =>
        Math.max(0, (row[0] as number) * (ws[0]![j] as number) + (row[1] as number) * (ws[1]![j] as number) + (bs[j] as number)),
      );
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
      total += lse - (z[lbl[i] as number] as number);
    });
    expectClose(values(loss), [total / 3]);
    for (const t of [x, w, b, labels, loss]) t.dispose();
  });
});
