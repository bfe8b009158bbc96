import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, memory, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

function expectValues(t: Tensor, shape: readonly number[], expected: readonly number[], digits = 5): void {
  expect(t.shape).toEqual(shape);
  const got = Array.from(t.dataSync() as ArrayLike<number>);
  expect(got.length).toBe(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
}

const f32 = (data: number[] | number[][]) => tensor(data, 'float32');

describe('nn.MSELoss', () => {
  it('squares the error, with each reduction and broadcasting', () => {
    const x = f32([1, 2, 3]);
    const y = f32([1, 1, 1]);
    expectValues(new nn.MSELoss().call(x, y), [], [5 / 3]); // (0 + 1 + 4) / 3
    expectValues(new nn.MSELoss({ reduction: 'sum' }).call(x, y), [], [5]);
    expectValues(new nn.MSELoss({ reduction: 'none' }).call(x, y), [3], [0, 1, 4]);
    expectValues(
      new nn.MSELoss({ reduction: 'none' }).call(
        x,
        f32([
          [1, 1, 1],
          [1, 2, 2],
        ]),
      ),
      [2, 3],
      [0, 1, 4, 0, 0, 1],
    );
  });

  it('is differentiable: d mean((x − y)²)/dx = 2(x − y)/n', () => {
    const y = f32([1, 1, 1]);
    const loss = new nn.MSELoss();
    const [value, dx] = ops.valueAndGrad((x: Tensor) => loss.call(x, y))(f32([1, 2, 3]));
    expectValues(value, [], [5 / 3]);
    expectValues(dx, [3], [0, 2 / 3, 4 / 3]);
  });

  it("refuses a bad reduction and non-Tensors with MindSpore's messages", () => {
    expect(() => new nn.MSELoss({ reduction: 'max' as never })).toThrow(
      new RangeError("For 'MSELoss', the 'reduction' must be in ['mean', 'sum', 'none'], but got max."),
    );
    expect(() => new nn.MSELoss().call([1] as never, f32([1]))).toThrow("For 'MSELoss', the 'logits' must be a Tensor, but got 'Array'.");
  });
});

describe('nn.L1Loss', () => {
  it('takes the absolute error, with each reduction', () => {
    const x = f32([1, 2, 3]);
    const y = f32([1, 2, 2]);
    expectValues(new nn.L1Loss().call(x, y), [], [1 / 3]);
    expectValues(new nn.L1Loss({ reduction: 'sum' }).call(x, y), [], [1]);
    expectValues(new nn.L1Loss({ reduction: 'none' }).call(f32([1, 2, 3]), f32([3, 2, 0])), [3], [2, 0, 3]);
    expect(() => new nn.L1Loss({ reduction: 'avg' as never })).toThrow(
      "For 'L1Loss', the 'reduction' must be in ['mean', 'sum', 'none'], but got avg.",
    );
  });
});

describe('nn.SmoothL1Loss', () => {
  it("is quadratic below beta and linear above, with MindSpore's default reduction 'none'", () => {
    expectValues(new nn.SmoothL1Loss().call(f32([1, 2, 3]), f32([1, 2, 2])), [3], [0, 0, 0.5]);
    // beta 0.5: |d| = 0 → 0; 0.3 → 0.5·0.09/0.5 = 0.09; 2 → 2 − 0.25 = 1.75
    const x = f32([1, 1.3, 3]);
    const y = f32([1, 1, 1]);
    expectValues(new nn.SmoothL1Loss({ beta: 0.5 }).call(x, y), [3], [0, 0.09, 1.75]);
    expectValues(new nn.SmoothL1Loss({ beta: 0.5, reduction: 'sum' }).call(x, y), [], [1.84]);
    expectValues(new nn.SmoothL1Loss({ beta: 0.5, reduction: 'mean' }).call(x, y), [], [1.84 / 3]);
  });

  it('refuses beta <= 0 and mismatched inputs', () => {
    expect(() => new nn.SmoothL1Loss({ beta: 0 })).toThrow(
      "For 'SmoothL1Loss', the 'beta' must be float and must > 0, but got '0' with type 'float'.",
    );
    expect(() => new nn.SmoothL1Loss().call(f32([1, 2]), f32([1]))).toThrow(
      /the shape of 'logits' must be the same as the shape of 'labels'/,
    );
    expect(() => new nn.SmoothL1Loss().call(f32([1, 2]), tensor([1, 2], 'float64'))).toThrow(/same dtype/);
  });
});

describe('nn.BCEWithLogitsLoss', () => {
  // max(x, 0) − x·y + log(1 + e^−|x|), the stable form of −[y·log σ(x) + (1 − y)·log(1 − σ(x))]
  const ref = (x: number, y: number) => Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));

  it("matches MindSpore's documented example and the reference formula for each reduction", () => {
    const x = f32([
      [-0.8, 1.2, 0.7],
      [-0.1, -0.4, 0.7],
    ]);
    const y = f32([
      [0.3, 0.8, 1.2],
      [-0.6, 0.1, 2.2],
    ]);
    expectValues(new nn.BCEWithLogitsLoss().call(x, y), [], [0.3463612]);
    const each = [-0.8, 1.2, 0.7, -0.1, -0.4, 0.7].map((v, i) => ref(v, [0.3, 0.8, 1.2, -0.6, 0.1, 2.2][i] as number));
    expectValues(new nn.BCEWithLogitsLoss({ reduction: 'none' }).call(x, y), [2, 3], each);
    expectValues(new nn.BCEWithLogitsLoss({ reduction: 'sum' }).call(x, y), [], [each.reduce((a, b) => a + b)]);
  });

  it('applies weight and posWeight, and stays finite for large logits', () => {
    const loss = new nn.BCEWithLogitsLoss({ reduction: 'none', weight: f32([0.5, 1]), posWeight: f32([2, 1]) });
    // [1 → y 1]: (1 + (2 − 1)·1)·softplus(−1) = 2·0.3132617, × 0.5; [−2 → y 0]: −2 + softplus(2) = 0.1269280
    const sp = (v: number) => Math.log1p(Math.exp(v));
    expectValues(loss.call(f32([[1, -2]]), f32([[1, 0]])), [1, 2], [sp(-1), -2 + sp(2)]);
    expectValues(new nn.BCEWithLogitsLoss({ reduction: 'none' }).call(f32([100, -100]), f32([0, 1])), [2], [100, 100]);
  });

  it('refuses Parameters as weights and mismatched shapes', async () => {
    const { Parameter } = await import('@mindts/parameter');
    expect(() => new nn.BCEWithLogitsLoss({ weight: new Parameter(f32([1])) })).toThrow(
      "For 'BCEWithLogitsLoss', the 'weight' can not be a Parameter.",
    );
    expect(() => new nn.BCEWithLogitsLoss({ posWeight: new Parameter(f32([1])) })).toThrow(
      "For 'BCEWithLogitsLoss', the 'pos_weight' can not be a Parameter.",
    );
    expect(() => new nn.BCEWithLogitsLoss().call(f32([1, 2]), f32([1]))).toThrow(/must be the same/);
  });
});

describe('losses and memory', () => {
  it('leave no temporaries behind', () => {
    const x = f32([1, 2, 3]);
    const y = f32([1, 2, 2]);
    const losses = [new nn.MSELoss(), new nn.L1Loss(), new nn.SmoothL1Loss(), new nn.BCEWithLogitsLoss()];
    for (const l of losses) l.call(x, y).dispose();
    const before = memory().numTensors;
    for (const l of losses) l.call(x, y).dispose();
    expect(memory().numTensors).toBe(before);
  });
});
