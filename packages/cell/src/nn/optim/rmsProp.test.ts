import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { keep, listBackends, memory, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const param = (values: number[], name: string) => new Parameter(tensor(values, 'float32'), name);
const grads = (...values: number[][]) => values.map((v) => tensor(v, 'float32'));
const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

function expectValues(t: Tensor, expected: readonly number[], digits = 6): void {
  const got = values(t);
  expect(got.length).toBe(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
}

interface Hyper {
  lr: number | number[];
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
  weightDecay: number;
}

/** A float64 reference of ApplyRMSProp / ApplyCenteredRMSProp, elementwise, over the given steps. */
function reference(p0: number[], steps: number[][], h: Hyper) {
  const p = [...p0];
  const ms = p0.map(() => 1);
  const mg = p0.map(() => 0);
  const mom = p0.map(() => 0);
  steps.forEach((g, t) => {
    const lr = Array.isArray(h.lr) ? (h.lr[Math.min(t, h.lr.length - 1)] as number) : h.lr;
    p.forEach((_, i) => {
      const gi = (g[i] as number) + h.weightDecay * (p[i] as number);
      ms[i] = h.decay * (ms[i] as number) + (1 - h.decay) * gi * gi;
      let denom = (ms[i] as number) + h.epsilon;
      if (h.centered) {
        mg[i] = h.decay * (mg[i] as number) + (1 - h.decay) * gi;
        denom = (ms[i] as number) - (mg[i] as number) ** 2 + h.epsilon;
      }
      mom[i] = h.momentum * (mom[i] as number) + (lr * gi) / Math.sqrt(denom);
      p[i] = (p[i] as number) - (mom[i] as number);
    });
  });
  return { p, ms, mg, mom };
}

const DEFAULTS: Hyper = { lr: 0.1, decay: 0.9, momentum: 0, epsilon: 1e-10, centered: false, weightDecay: 0 };
const STEPS = [
  [0.5, -1.0],
  [0.2, 0.3],
  [-0.4, 0.8],
];

describe('nn.RMSProp', () => {
  it("one step by hand with MindSpore's defaults (lr 0.1, decay 0.9, mean_square starting at 1)", () => {
    const w = param([1], 'w');
    const opt = new nn.RMSProp([w]);
    opt.call(grads([0.5]));
    // s = 0.9·1 + 0.1·0.25 = 0.925; m = 0.1·0.5/√0.925 = 0.0519875; w = 1 − m
    expectValues(opt.ms[0] as Parameter, [0.925]);
    expectValues(opt.moment[0] as Parameter, [0.05 / Math.sqrt(0.925)]);
    expectValues(w, [1 - 0.05 / Math.sqrt(0.925)]);
    expect(opt.mg).toBeNull();
    expect(values(opt.globalStep)).toEqual([1]);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual(['global_step', 'learning_rate', 'w', 'mean_square.w', 'moment.w']);
  });

  it("three steps with momentum and weight decay (not on 'beta'/'gamma' names) match the reference", () => {
    const w = param([1, -2], 'w');
    const gamma = param([0.5, 1.5], 'bn.gamma');
    const opt = new nn.RMSProp([w, gamma], { learningRate: 0.05, decay: 0.8, momentum: 0.9, weightDecay: 0.1 });
    for (const g of STEPS) opt.call(grads(g, g));
    const h = { ...DEFAULTS, lr: 0.05, decay: 0.8, momentum: 0.9 };
    const rw = reference([1, -2], STEPS, { ...h, weightDecay: 0.1 });
    const rg = reference([0.5, 1.5], STEPS, h);
    expectValues(w, rw.p);
    expectValues(opt.ms[0] as Parameter, rw.ms);
    expectValues(opt.moment[0] as Parameter, rw.mom);
    expectValues(gamma, rg.p);
    expect(opt.decayFlags).toEqual([true, false]);
  });

  it('centered: three steps match the reference, with state mean_grad.*', () => {
    const w = param([1, -2], 'w');
    const opt = new nn.RMSProp([w], { learningRate: 0.01, momentum: 0.5, epsilon: 1e-6, centered: true, weightDecay: 0.2 });
    for (const g of STEPS) opt.call(grads(g));
    const r = reference([1, -2], STEPS, { ...DEFAULTS, lr: 0.01, momentum: 0.5, epsilon: 1e-6, centered: true, weightDecay: 0.2 });
    expectValues(w, r.p);
    expectValues(opt.mg?.[0] as Parameter, r.mg);
    expectValues(opt.ms[0] as Parameter, r.ms);
    expectValues(opt.moment[0] as Parameter, r.mom);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual([
      'global_step',
      'learning_rate',
      'w',
      'mean_grad.w',
      'mean_square.w',
      'moment.w',
    ]);
  });

  it('centered: where s − ḡ² + ε is not positive, the element keeps its value and moment (as the CPU kernel)', () => {
    // decay 2 (MindSpore only asks decay >= 0): s = 1 − (g² − 1) = 2 − g², ḡ = −g, so s − ḡ² = 2 − 2g².
    const w = param([1, 1], 'w');
    const opt = new nn.RMSProp([w], { decay: 2, centered: true });
    opt.call(grads([2, 0.5]));
    const moved = (0.1 * 0.5) / Math.sqrt(2 - 2 * 0.25 + 1e-10);
    expectValues(w, [1, 1 - moved]);
    expectValues(opt.moment[0] as Parameter, [0, moved]);
    expectValues(opt.ms[0] as Parameter, [-2, 1.75]);
    expectValues(opt.mg?.[0] as Parameter, [-2, -0.5]);
  });

  it('takes parameter groups, learning rates per step and a loss scale', () => {
    const a = param([1, 1], 'a');
    const b = param([2, 2], 'b');
    const opt = new nn.RMSProp([{ params: [a], lr: [0.1, 0.05, 0.02], weightDecay: 0.3 }, { params: [b] }], {
      learningRate: [0.2, 0.1, 0.01],
      lossScale: 4,
    });
    for (const g of STEPS)
      opt.call(
        grads(
          g.map((v) => v * 4),
          g.map((v) => v * 4),
        ),
      );
    // Grouped: the decay is 0.3 on a, none on b; the loss scale leaves the decay unscaled in the update.
    expectValues(a, reference([1, 1], STEPS, { ...DEFAULTS, lr: [0.1, 0.05, 0.02], weightDecay: 0.3 }).p);
    expectValues(b, reference([2, 2], STEPS, { ...DEFAULTS, lr: [0.2, 0.1, 0.01] }).p);
  });

  it('checks every gradient before changing anything', () => {
    const a = param([1, 2], 'a');
    const b = param([3], 'b');
    const opt = new nn.RMSProp([a, b], { centered: true });
    expect(() => opt.call(grads([0.1, 0.2], [0.1, 0.2]))).toThrow(
      "For 'RMSProp', the gradient 1 must have the shape of 'b' [1], but got shape [2].",
    );
    expect(values(a)).toEqual([1, 2]);
    expectValues(opt.ms[0] as Parameter, [1, 1]);
    expectValues(opt.mg?.[0] as Parameter, [0, 0]);
    expect(values(opt.globalStep)).toEqual([0]);
  });

  it('keeps memory flat across steps', () => {
    const w = param([1, 2], 'w');
    const opt = new nn.RMSProp([w], { momentum: 0.9, centered: true });
    const g = grads([0.1, 0.2]).map((t) => keep(t));
    opt.call(g);
    const before = memory().numTensors;
    opt.call(g);
    opt.call(g);
    expect(memory().numTensors).toBe(before);
    opt.call(grads([0.1, 0.2]));
    expect(memory().numTensors).toBe(before);
  });

  it("refuses bad options with MindSpore's messages, creating nothing", () => {
    const w = [param([1], 'w')];
    const before = memory().numTensors;
    expect(() => new nn.RMSProp(w, { use_locking: true } as never)).toThrow(
      "unknown option 'use_locking' for RMSProp; did you mean 'useLocking'?",
    );
    expect(() => new nn.RMSProp(w, { decay: -0.1 })).toThrow(
      "For 'RMSProp', the 'decay' must be float and must >= 0, but got '-0.1' with type 'float'.",
    );
    expect(() => new nn.RMSProp(w, { momentum: -1 })).toThrow(
      "For 'RMSProp', the 'momentum' must be float and must >= 0, but got '-1.0' with type 'float'.",
    );
    expect(() => new nn.RMSProp(w, { epsilon: 0 })).toThrow(
      "For 'RMSProp', the 'epsilon' must be float and must > 0, but got '0.0' with type 'float'.",
    );
    expect(() => new nn.RMSProp(w, { centered: 1 as never })).toThrow(
      "For 'RMSProp', the type of 'centered' should be 'bool', but got 'number'.",
    );
    expect(() => new nn.RMSProp(w, { useLocking: 'no' as never })).toThrow(
      "For 'RMSProp', the type of 'useLocking' should be 'bool', but got 'string'.",
    );
    expect(memory().numTensors).toBe(before);
    const opt = new nn.RMSProp(w, { useLocking: true });
    expect([opt.decay, opt.momentum, opt.epsilon, opt.useLocking, opt.centered]).toEqual([0.9, 0, 1e-10, true, false]);
  });
});
