import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const param = (values: number[], name: string) => new Parameter(tensor(values, 'float32'), name);
const grads = (...values: number[][]) => values.map((v) => tensor(v, 'float32'));

function expectValues(t: Tensor, expected: readonly number[], digits = 5): void {
  // Adam divides float32 moments of order 1e-4; results agree with the float64 formulas to ~1e-6.
  const got = Array.from(t.dataSync() as ArrayLike<number>);
  expect(got.length).toBe(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
}

describe('nn.Adam', () => {
  it('step 1 moves by lr for any gradient (bias correction), step 2 by the corrected ratio', () => {
    const w = param([1], 'w');
    const opt = new nn.Adam([w], { learningRate: 0.1 });
    // m = 0.05, v = 0.00025, lr_t = 0.1·√0.001/0.1; m/(√v + eps) = 0.05/0.0158114 → Δ = 0.1 (to 1e-6)
    opt.call(grads([0.5]));
    expectValues(w, [0.9]);
    expectValues(opt.moment1[0] as Parameter, [0.05]);
    expectValues(opt.moment2[0] as Parameter, [0.00025], 9);
    expectValues(opt.beta1_power, [0.9]);
    expectValues(opt.beta2_power, [0.999]);
    // m = 0.05 + (−0.25 − 0.05)·0.1 = 0.02; v = 0.00025 + (0.0625 − 0.00025)·0.001 = 0.00031225
    // lr_t = 0.1·√(1 − 0.998001)/(1 − 0.81) = 0.0235316725; Δ = lr_t·0.02/√0.00031225 = 0.0266337
    opt.call(grads([-0.25]));
    const delta = ((0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2)) * (0.02 / (Math.sqrt(0.00031225) + 1e-8));
    expectValues(w, [0.9 - delta]);
    expect(delta).toBeCloseTo(0.0266337, 6);
  });

  it('amsgrad divides by the running maximum of v (state vhat.*)', () => {
    const w = param([1], 'w');
    const opt = new nn.Adam([w], { learningRate: 0.1, useAmsgrad: true });
    opt.call(grads([0.5]));
    opt.call(grads([0.01])); // v = 0.00024985 < vhat = 0.00025; m = 0.046
    expectValues(opt.vhat?.[0] as Parameter, [0.00025], 9);
    expectValues(opt.moment2[0] as Parameter, [0.00024985], 9);
    const lrT = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
    expectValues(w, [0.9 - (lrT * 0.046) / (Math.sqrt(0.00025) + 1e-8)]);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual([
      'global_step',
      'learning_rate',
      'w',
      'beta1_power',
      'beta2_power',
      'moment1.w',
      'moment2.w',
      'vhat.w',
    ]);
  });

  it('Nesterov uses β₁·m + (1 − β₁)·g in the numerator', () => {
    const w = param([1], 'w');
    new nn.Adam([w], { learningRate: 0.1, useNesterov: true }).call(grads([0.5]));
    // m = 0.05; numerator = 0.9·0.05 + 0.1·0.5 = 0.095; Δ = 0.1·(√0.001/0.1)·0.095/√0.00025 = 0.19
    expectValues(w, [0.81]);
  });

  it("adds L2 weight decay to the gradient, except to 'beta'/'gamma' names", () => {
    const w = param([1], 'w');
    const beta = param([1], 'ln.beta');
    const opt = new nn.Adam([w, beta], { learningRate: 0.1, weightDecay: 0.5 });
    opt.call(grads([0], [0]));
    expectValues(w, [0.9]); // g' = 0.5 → a full lr step
    expectValues(beta, [1]); // g' = 0 → no step
  });

  it("refuses betas outside (0, 1) and eps <= 0 with MindSpore's messages", () => {
    const w = () => [param([1], 'w')];
    expect(() => new nn.Adam(w(), { beta1: 1 })).toThrow(
      "For 'Adam', the 'beta1' must be in range of (0.0, 1.0), but got 1.0 with type 'float'.",
    );
    expect(() => new nn.Adam(w(), { beta2: 0 })).toThrow(
      "For 'Adam', the 'beta2' must be in range of (0.0, 1.0), but got 0.0 with type 'float'.",
    );
    expect(() => new nn.Adam(w(), { eps: 0 })).toThrow(
      "For 'Adam', the 'eps' must be float and must > 0, but got '0.0' with type 'float'.",
    );
    expect(() => new nn.Adam(w(), { learningRate: -1 })).toThrow(
      "For 'Adam', the 'learning rate' must be float and must >= 0, but got '-1.0' with type 'float'.",
    );
  });
});

describe('nn.AdamW', () => {
  it('decays decoupled from the gradient: p ← p(1 − lr·λ) − lr/(1 − β₁ᵗ)·m/(√v/√(1 − β₂ᵗ) + eps)', () => {
    const w = param([1], 'w');
    const opt = new nn.AdamW([w], { learningRate: 0.1, weightDecay: 0.1 });
    opt.call(grads([0.5])); // 1·0.99 − 0.1·(0.05/0.1)/(√0.00025/√0.001) = 0.99 − 0.1
    expectValues(w, [0.89]);
    opt.call(grads([-0.25])); // m = 0.02, v = 0.00031225, t = 2
    const step = (0.1 / (1 - 0.9 ** 2)) * (0.02 / (Math.sqrt(0.00031225) / Math.sqrt(1 - 0.999 ** 2) + 1e-8));
    expectValues(w, [0.89 * (1 - 0.01) - step]);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual(['global_step', 'learning_rate', 'w', 'moment1.w', 'moment2.w']);
  });

  it('differs from Adam with the same weight decay, which adds it to the gradient', () => {
    const a = param([1], 'w');
    const b = param([1], 'w');
    new nn.AdamW([a], { learningRate: 0.1, weightDecay: 0.5 }).call(grads([0]));
    new nn.Adam([b], { learningRate: 0.1, weightDecay: 0.5 }).call(grads([0]));
    expectValues(a, [0.95]); // only the decay: 1 − 0.1·0.5; the zero gradient moves nothing
    expectValues(b, [0.9]); // the decay became the gradient: a full normalised step
  });

  it('supports amsgrad, maximize and its default weight decay 1e-2', () => {
    const w = param([1], 'w');
    const opt = new nn.AdamW([w], { learningRate: 0.1, amsgrad: true });
    opt.call(grads([0.5]));
    opt.call(grads([0.01]));
    expectValues(opt.vhat?.[0] as Parameter, [0.00025], 9);
    const step2 = (0.1 / (1 - 0.81)) * (0.046 / (Math.sqrt(0.00025) / Math.sqrt(1 - 0.999 ** 2) + 1e-8));
    expectValues(w, [(1 * 0.999 - 0.1) * 0.999 - step2]);
    const up = param([1], 'w');
    new nn.AdamW([up], { learningRate: 0.1, weightDecay: 0, maximize: true }).call(grads([0.5]));
    expectValues(up, [1.1]);
  });

  it('decays each group by its own weight decay', () => {
    const a = param([1], 'a');
    const b = param([1], 'b');
    const opt = new nn.AdamW(
      [
        { params: [a], weightDecay: 0.5 },
        { params: [b], weightDecay: 0 },
      ],
      { learningRate: 0.1 },
    );
    opt.call(grads([0], [0]));
    expectValues(a, [0.95]);
    expectValues(b, [1]);
    expect(opt.getWeightDecay()).toEqual([0.5, 0]);
  });
});
