import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Accuracy } from './accuracy.js';
import { ConfusionMatrix } from './confusionMatrix.js';
import { MAE, MSE } from './error.js';
import { F1, Fbeta } from './fbeta.js';
import { getMetricFn, getMetrics } from './getMetrics.js';
import { Loss } from './loss.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';
import { TopKCategoricalAccuracy } from './topK.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

// MindSpore's docstring example: argmax rows → [1, 0, 0], labels [1, 0, 1].
const logits = () =>
  tensor(
    [
      [0.2, 0.5],
      [0.3, 0.1],
      [0.9, 0.6],
    ],
    'float32',
  );
const labels = () => tensor([1, 0, 1], 'int32');

describe('Accuracy', () => {
  it('classification: the argmax matches the label (MindSpore example: 2/3)', () => {
    const acc = new Accuracy();
    acc.update(logits(), labels());
    expect(acc.eval()).toBeCloseTo(2 / 3, 12);
    // accumulates over batches: + 1 of 1
    acc.update([[0, 1]], [1]);
    expect(acc.eval()).toBe(3 / 4);
  });
  it('takes one-hot labels, and multilabel compares whole rows', () => {
    expect(
      new Accuracy().call(logits(), [
        [0, 1],
        [1, 0],
        [0, 1],
      ]),
    ).toBeCloseTo(2 / 3, 12);
    const ml = new Accuracy('multilabel');
    ml.update(
      [
        [0, 1, 1],
        [1, 0, 1],
      ],
      [
        [0, 1, 1],
        [1, 1, 1],
      ],
    );
    expect(ml.eval()).toBe(0.5);
    expect(() => ml.update([[0, 0.5, 1]], [[0, 1, 1]])).toThrow(/should be 0 or 1/);
  });
  it('refuses bad shapes, a class-number change, an empty eval, a bad evalType', () => {
    const acc = new Accuracy();
    expect(() => acc.eval()).toThrow(/number of samples is 0/);
    expect(() => acc.update(logits(), tensor([1, 0], 'int32'))).toThrow(/can not match/);
    acc.update(logits(), labels());
    expect(() => acc.update([[1, 2, 3]], [0])).toThrow(/class number not match, last input predicted data contain 2 classes/);
    expect(() => acc.update(logits())).toThrow(/needs 2 inputs/);
    expect(() => new Accuracy('binary' as never)).toThrow(/evalType/);
  });
});

describe('Precision, Recall, Fbeta', () => {
  it('per class, and averaged (MindSpore examples)', () => {
    const p = new Precision();
    p.update(logits(), labels());
    expect(p.eval()).toEqual([0.5, 1]);
    expect(p.eval({ average: true })).toBe(0.75);
    const r = new Recall();
    r.update(logits(), labels());
    expect(r.eval()).toEqual([1, 0.5]);
    expect(r.eval({ average: true })).toBe(0.75);
    const f1 = new F1().call(logits(), labels()) as number[];
    expect(f1[0]).toBeCloseTo(2 / 3, 12);
    expect(f1[1]).toBeCloseTo(2 / 3, 12);
    // β = 2 on class 0: TP 1, FN 0, FP 1 → 5·1 / (5·1 + 4·0 + 1) = 5/6; class 1: TP 1, FN 1, FP 0 → 5 / (5 + 4) = 5/9.
    const f2 = new Fbeta(2).call(logits(), labels()) as number[];
    expect(f2[0]).toBeCloseTo(5 / 6, 12);
    expect(f2[1]).toBeCloseTo(5 / 9, 12);
  });
  it('a class never predicted has precision 0, not NaN', () => {
    expect(
      new Precision().call(
        [
          [1, 0, 0],
          [1, 0, 0],
        ],
        [0, 2],
      ),
    ).toEqual([0.5, 0, 0]);
  });
  it('multilabel counts per sample, as MindSpore', () => {
    const p = new Precision('multilabel');
    // sample 0: predicted {1, 2}, true {1} → 1/2; sample 1: predicted {0}, true {0, 2} → 1
    p.update(
      [
        [0, 1, 1],
        [1, 0, 0],
      ],
      [
        [0, 1, 0],
        [1, 0, 1],
      ],
    );
    expect(p.eval()).toEqual([0.5, 1]);
    expect(p.eval({ average: true })).toBe(0.75);
    const r = new Recall('multilabel');
    r.update(
      [
        [0, 1, 1],
        [1, 0, 0],
      ],
      [
        [0, 1, 0],
        [1, 0, 1],
      ],
    );
    expect(r.eval()).toEqual([1, 0.5]);
  });
  it('checks options and arguments', () => {
    const p = new Precision();
    expect(() => p.eval()).toThrow(/number of samples is 0/);
    p.update(logits(), labels());
    expect(() => p.eval({ avg: true } as never)).toThrow(/unknown option 'avg' for Precision.eval \(known: average\)/);
    expect(() => p.update([[0.1, 0.9]], [2])).toThrow(/true value classes 3/);
    expect(() => new Fbeta(0)).toThrow(/greater than 0/);
  });
});

describe('Loss, MAE, MSE', () => {
  it('Loss: the mean of the per-update means', () => {
    const loss = new Loss();
    loss.update(tensor(0.2, 'float32'));
    loss.update(tensor([0.4, 0.6], 'float32'));
    expect(loss.eval()).toBeCloseTo(0.35, 6);
    expect(() => loss.update([[1, 2]])).toThrow(/dimension of your input \(loss\) must be 1/);
  });
  it('MAE and MSE divide the error sum by the number of samples (MindSpore examples)', () => {
    const mae = new MAE();
    mae.update([0.1, 0.2, 0.6, 0.9], [0.1, 0.25, 0.7, 0.9]);
    expect(mae.eval()).toBeCloseTo(0.0375, 12);
    const mse = new MSE();
    mse.update([0.1, 0.2, 0.6, 0.9], [0.1, 0.25, 0.5, 0.9]);
    expect(mse.eval()).toBeCloseTo(0.003125, 12);
    // [2, 2]: sum |d| = 4 over 2 samples
    expect(
      new MAE().call(
        [
          [1, 1],
          [1, 1],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ),
    ).toBe(2);
  });
});

describe('TopKCategoricalAccuracy and ConfusionMatrix', () => {
  const x = [
    [0.2, 0.5, 0.3, 0.6, 0.2],
    [0.1, 0.35, 0.5, 0.2, 0],
    [0.9, 0.6, 0.2, 0.01, 0.3],
  ];
  it('top-k: the MindSpore examples (k = 3: 2/3, k = 1: 0, k = 5: 1)', () => {
    expect(new TopKCategoricalAccuracy(3).call(x, [2, 0, 1])).toBeCloseTo(2 / 3, 12);
    expect(new TopKCategoricalAccuracy(1).call(x, [2, 0, 1])).toBe(0);
    expect(new TopKCategoricalAccuracy(5).call(x, [2, 0, 1])).toBe(1);
    // a tie ranks the lower index first: the label 1 of [1, 1] is second
    expect(new TopKCategoricalAccuracy(1).call([[1, 1]], [1])).toBe(0);
    expect(() => new TopKCategoricalAccuracy(0)).toThrow(/at least 1/);
  });
  it('confusion matrix: counts, thresholds and normalizations', () => {
    const cm = new ConfusionMatrix(2);
    cm.update(tensor([1, 0, 1, 0], 'int32'), tensor([1, 0, 0, 1], 'int32'));
    expect(cm.eval()).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const logitsCm = new ConfusionMatrix(3, { normalize: 'target' });
    logitsCm.update(
      tensor(
        [
          [0.9, 0.1, 0],
          [0.1, 0.8, 0.1],
          [0.1, 0.7, 0.2],
        ],
        'float32',
      ),
      [0, 1, 2],
    );
    expect(logitsCm.eval()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    const thr = new ConfusionMatrix(2, { normalize: 'all', threshold: 0.5 });
    thr.update(tensor([0.7, 0.2, 0.5, 0.4], 'float32'), [1, 0, 0, 0]);
    expect(thr.eval()).toEqual([
      [0.5, 0.25],
      [0, 0.25],
    ]);
    expect(() => new ConfusionMatrix(2, { normalise: 'all' } as never)).toThrow(/unknown option 'normalise'/);
    expect(() => new ConfusionMatrix(2).eval()).toThrow(/update/);
  });
});

describe('metrics by name', () => {
  it('knows MindSpore names and refuses others', () => {
    expect(getMetricFn('acc')).toBeInstanceOf(Accuracy);
    expect(Object.keys(getMetrics(new Set(['accuracy', 'loss'])))).toEqual(['accuracy', 'loss']);
    expect(() => getMetricFn('auc')).toThrow(/Unsupported metric 'auc'/);
    expect(() => getMetrics({ a: 1 } as never)).toThrow(/metrics\['a'\] must be a Metric/);
  });
  it('setIndexes picks the inputs of update', () => {
    const acc = new Accuracy().setIndexes([1, 2]);
    acc.updateWith(tensor(0.5, 'float32'), logits(), labels());
    expect(acc.eval()).toBeCloseTo(2 / 3, 12);
  });
});
