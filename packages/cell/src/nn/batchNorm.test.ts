import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../cell.js';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const close = (t: Tensor, expected: number[], digits = 5) => {
  const got = Array.from(t.dataSync());
  expect(got).toHaveLength(expected.length);
  for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, digits);
};

/** N = 2, C = 2: batch mean [2, 4], biased variance [1, 4], unbiased [2, 8]. */
const batch = () =>
  tensor(
    [
      [1, 2],
      [3, 6],
    ],
    'float32',
  );

describe('nn.BatchNorm1d', () => {
  it('normalises with the batch statistics in training and updates the moving ones with momentum 0.9', () => {
    const bn = new nn.BatchNorm1d(2).setTrain();
    const s0 = 1 / Math.sqrt(1 + 1e-5);
    const s1 = 2 / Math.sqrt(4 + 1e-5);
    close(bn.call(batch()), [-s0, -s1, s0, s1]);
    // moving = 0.9·moving + 0.1·batch; the variance folded in is the unbiased one.
    close(bn.moving_mean, [0.2, 0.4]);
    close(bn.moving_variance, [0.9 + 0.1 * 2, 0.9 + 0.1 * 8]);
    bn.call(batch());
    close(bn.movingMean, [0.9 * 0.2 + 0.2, 0.9 * 0.4 + 0.4]);
    close(bn.movingVariance, [0.9 * 1.1 + 0.2, 0.9 * 1.7 + 0.8]);
  });

  it('uses and keeps the moving statistics in inference mode (the default)', () => {
    const bn = new nn.BatchNorm1d(2, { gammaInit: 2, betaInit: 1, movingMeanInit: tensor([1, 2], 'float32'), movingVarInit: 4 });
    expect(bn.training).toBe(false);
    const y = bn.call(batch());
    const d = Math.sqrt(4 + 1e-5);
    close(y, [((1 - 1) / d) * 2 + 1, ((2 - 2) / d) * 2 + 1, ((3 - 1) / d) * 2 + 1, ((6 - 2) / d) * 2 + 1]);
    close(bn.moving_mean, [1, 2]);
    close(bn.moving_variance, [4, 4]);
  });

  it('takes momentum as the weight of the old statistics, and 3-D inputs over N and L', () => {
    const bn = new nn.BatchNorm1d(2, { momentum: 0.5 }).setTrain();
    // [1, C=2, L=2]: channel 0 holds 1, 3 and channel 1 holds 2, 6: the same statistics as `batch`.
    bn.call(
      tensor(
        [
          [
            [1, 3],
            [2, 6],
          ],
        ],
        'float32',
      ),
    );
    close(bn.moving_mean, [1, 2]);
    close(bn.moving_variance, [0.5 + 0.5 * 2, 0.5 + 0.5 * 8]);
  });

  it('folds a zero variance for a batch of one value, as MindSpore (num/(num−1) → 0)', () => {
    const bn = new nn.BatchNorm1d(2).setTrain();
    close(bn.call(tensor([[5, 7]], 'float32')), [0, 0]);
    close(bn.moving_mean, [0.5, 0.7]);
    close(bn.moving_variance, [0.9, 0.9]);
  });

  it('follows useBatchStatistics over the training mode', () => {
    const always = new nn.BatchNorm1d(2, { useBatchStatistics: true });
    always.call(batch());
    close(always.moving_mean, [0.2, 0.4]);
    const never = new nn.BatchNorm1d(2, { useBatchStatistics: false }).setTrain();
    close(
      never.call(batch()),
      [1, 2, 3, 6].map((v) => v / Math.sqrt(1 + 1e-5)),
    );
    close(never.moving_mean, [0, 0]);
  });

  it("registers MindSpore's Parameters: moving statistics not trainable, gamma/beta trainable unless affine is false", () => {
    const bn = new nn.BatchNorm1d(3);
    expect([...bn.parametersAndNames()].map(([k, p]) => [k, p.name, p.shape, p.requiresGrad])).toEqual([
      ['moving_mean', 'mean', [3], false],
      ['moving_variance', 'variance', [3], false],
      ['gamma', 'gamma', [3], true],
      ['beta', 'beta', [3], true],
    ]);
    close(bn.gamma, [1, 1, 1]);
    close(bn.beta, [0, 0, 0]);
    close(bn.moving_variance, [1, 1, 1]);
    expect(new nn.BatchNorm1d(3, { affine: false }).trainableParams()).toEqual([]);
    class Net extends Cell {
      bn = new nn.BatchNorm2d(3);
    }
    expect([...new Net().getParameters()].map((p) => p.name)).toEqual(['bn.moving_mean', 'bn.moving_variance', 'bn.gamma', 'bn.beta']);
    expect(bn.eps).toBe(1e-5);
    expect(bn.momentum).toBe(0.9);
    expect(bn.useBatchStatistics).toBeNull();
  });

  it('refuses bad arguments and inputs', () => {
    expect(() => new nn.BatchNorm1d(0)).toThrow("For 'BatchNorm1d', the 'numFeatures' must be at least 1, but got 0.");
    expect(() => new nn.BatchNorm1d(2.5)).toThrow(new TypeError("For 'BatchNorm1d', the 'numFeatures' must be int, but got number."));
    expect(() => new nn.BatchNorm2d(2, { momentum: 1.5 })).toThrow(
      "For 'BatchNorm2d', the 'momentum' must be a number in range [0, 1], but got 1.5.",
    );
    expect(() => new nn.BatchNorm2d(2, { useBatchStatistics: 1 as never })).toThrow(
      "For 'BatchNorm2d', the 'useBatchStatistics' must be a boolean value or null, but got 1.",
    );
    expect(() => new nn.BatchNorm1d(2).call(tensor([[[[1]]]], 'float32'))).toThrow(
      "For 'BatchNorm1d', the input must have 2 dims or 3 dims, but got 4.",
    );
    expect(() => new nn.BatchNorm2d(2).call(batch())).toThrow("For 'BatchNorm2d', the in_shape must have 4 dims, but got 2.");
    expect(() => new nn.BatchNorm1d(3).call(batch())).toThrow(
      "For 'BatchNorm1d', the input has 2 channels (shape [2, 2]), but 'numFeatures' is 3.",
    );
  });
});

describe('nn.BatchNorm2d', () => {
  it('normalises over N, H and W per channel and updates the moving statistics in training only', () => {
    const x = tensor([[[[1, 2]]], [[[3, 4]]]], 'float32');
    const bn = new nn.BatchNorm2d(1);
    close(
      bn.call(x),
      [1, 2, 3, 4].map((v) => v / Math.sqrt(1 + 1e-5)),
    );
    close(bn.moving_mean, [0]);
    bn.setTrain();
    // mean 2.5, biased variance 1.25, n = 4: unbiased 5/3.
    close(
      bn.call(x),
      [1, 2, 3, 4].map((v) => (v - 2.5) / Math.sqrt(1.25 + 1e-5)),
    );
    close(bn.moving_mean, [0.25]);
    close(bn.moving_variance, [0.9 + 0.1 * (5 / 3)]);
    bn.setTrain(false);
    bn.call(x);
    close(bn.moving_mean, [0.25]);
  });

  it('prints its configuration with its Parameters', () => {
    expect(String(new nn.BatchNorm2d(2))).toBe(
      'BatchNorm2d(num_features=2, eps=0.00001, momentum=0.9, ' +
        'gamma=Parameter (name=gamma, shape=[2], dtype=Float32, requires_grad=True), ' +
        'beta=Parameter (name=beta, shape=[2], dtype=Float32, requires_grad=True), ' +
        'moving_mean=Parameter (name=mean, shape=[2], dtype=Float32, requires_grad=False), ' +
        'moving_variance=Parameter (name=variance, shape=[2], dtype=Float32, requires_grad=False))',
    );
  });
});
