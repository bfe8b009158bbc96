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

/** A float64 reference of ApplyAdagrad (as documented), elementwise, over the given steps. */
function reference(
  p0: number[],
  steps: number[][],
  h: { lr: number | number[]; accum: number; updateSlots: boolean; weightDecay: number },
) {
  const p = [...p0];
  const acc = p0.map(() => h.accum);
  for (const [t, g] of steps.entries()) {
    const lr = Array.isArray(h.lr) ? (h.lr[t] as number) : h.lr;
    p.forEach((_, i) => {
      const gi = (g[i] as number) + h.weightDecay * (p[i] as number);
      if (h.updateSlots) acc[i] = (acc[i] as number) + gi * gi;
      p[i] = (p[i] as number) - (lr * gi) / Math.sqrt(acc[i] as number);
    });
  }
  return { p, acc };
}

const STEPS = [
  [0.5, -1.0],
  [0.2, 0.3],
  [-0.4, 0.8],
];

describe('nn.Adagrad', () => {
  it("one step by hand with MindSpore's defaults (accum 0.1, lr 0.001)", () => {
    const w = param([1], 'w');
    const opt = new nn.Adagrad([w]);
    expectValues(opt.accum[0] as Parameter, [0.1]);
    opt.call(grads([0.5]));
    // accum = 0.1 + 0.25 = 0.35; w = 1 − 0.001·0.5/√0.35
    expectValues(opt.accum[0] as Parameter, [0.35]);
    expectValues(w, [1 - 0.0005 / Math.sqrt(0.35)], 7);
    expect(values(opt.globalStep)).toEqual([1]);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual(['global_step', 'learning_rate', 'w', 'accum.w']);
  });

  it("three steps with weight decay (not on 'beta'/'gamma' names) match the reference", () => {
    const w = param([1, -2], 'w');
    const beta = param([0.5, 1.5], 'ln.beta');
    const opt = new nn.Adagrad([w, beta], { accum: 0.5, learningRate: 0.1, weightDecay: 0.2 });
    for (const g of STEPS) opt.call(grads(g, g));
    const rw = reference([1, -2], STEPS, { lr: 0.1, accum: 0.5, updateSlots: true, weightDecay: 0.2 });
    expectValues(w, rw.p);
    expectValues(opt.accum[0] as Parameter, rw.acc);
    expectValues(beta, reference([0.5, 1.5], STEPS, { lr: 0.1, accum: 0.5, updateSlots: true, weightDecay: 0 }).p);
  });

  it('updateSlots: false keeps the accumulators at their initial value', () => {
    const w = param([1, -2], 'w');
    const opt = new nn.Adagrad([w], { accum: 0.25, learningRate: 0.1, updateSlots: false });
    for (const g of STEPS) opt.call(grads(g));
    expectValues(w, reference([1, -2], STEPS, { lr: 0.1, accum: 0.25, updateSlots: false, weightDecay: 0 }).p);
    expectValues(opt.accum[0] as Parameter, [0.25, 0.25]);
  });

  it('divides by √accum exactly, as documented (no 1e-6 under the root, unlike the CPU kernel)', () => {
    const w = param([1], 'w');
    new nn.Adagrad([w], { accum: 0, learningRate: 0.1 }).call(grads([1e-3]));
    // accum = 1e-6: w −= 0.1·1e-3/1e-3 = 0.1 (with 1e-6 under the root it would be 0.1/√2)
    expectValues(w, [0.9]);
  });

  it('takes parameter groups and a loss scale', () => {
    const a = param([1, 1], 'a');
    const b = param([2, 2], 'b');
    const opt = new nn.Adagrad([{ params: [a], lr: 0.2, weightDecay: 0.1 }, { params: [b] }], { learningRate: 0.05, lossScale: 2 });
    for (const g of STEPS)
      opt.call(
        grads(
          g.map((v) => v * 2),
          g.map((v) => v * 2),
        ),
      );
    expectValues(a, reference([1, 1], STEPS, { lr: 0.2, accum: 0.1, updateSlots: true, weightDecay: 0.1 }).p);
    expectValues(b, reference([2, 2], STEPS, { lr: 0.05, accum: 0.1, updateSlots: true, weightDecay: 0 }).p);
  });

  it('reads a learning-rate schedule at each step', () => {
    const w = param([1, -2], 'w');
    const opt = new nn.Adagrad([w], { learningRate: nn.exponentialDecayLR(0.1, 0.5, 1) });
    for (const g of STEPS) opt.call(grads(g));
    expectValues(w, reference([1, -2], STEPS, { lr: [0.1, 0.05, 0.025], accum: 0.1, updateSlots: true, weightDecay: 0 }).p);
  });

  it('checks every gradient before changing anything, and keeps memory flat', () => {
    const a = param([1, 2], 'a');
    const b = param([3], 'b');
    const opt = new nn.Adagrad([a, b], { learningRate: 0.1 });
    expect(() => opt.call([tensor([0.1, 0.2], 'float32')])).toThrow(
      "For 'Adagrad', the number of gradients (1) must equal the number of parameters (2).",
    );
    expect(() => opt.call(grads([0.1, 0.2], [0.1, 0.2]))).toThrow(
      "For 'Adagrad', the gradient 1 must have the shape of 'b' [1], but got shape [2].",
    );
    expect(values(a)).toEqual([1, 2]);
    expectValues(opt.accum[0] as Parameter, [0.1, 0.1]);
    expect(values(opt.globalStep)).toEqual([0]);
    // Gradients used twice are kept (optimizer.call frees what it is handed).
    const g = grads([0.1, 0.2], [0.3]).map((t) => keep(t));
    opt.call(g);
    const before = memory().numTensors;
    opt.call(g);
    expect(memory().numTensors).toBe(before);
    // Handed over without keep(), they are freed by the step.
    const fresh = grads([0.1, 0.2], [0.3]);
    opt.call(fresh);
    expect(memory().numTensors).toBe(before);
  });

  it("refuses bad options with MindSpore's messages, creating nothing", () => {
    const w = [param([1], 'w')];
    const before = memory().numTensors;
    expect(() => new nn.Adagrad(w, { update_slots: false } as never)).toThrow(
      "unknown option 'update_slots' for Adagrad; did you mean 'updateSlots'?",
    );
    expect(() => new nn.Adagrad(w, { accum: -0.1 })).toThrow(
      "For 'Adagrad', the 'accum' must be float and must >= 0, but got '-0.1' with type 'float'.",
    );
    expect(() => new nn.Adagrad(w, { accum: '1' as never })).toThrow("For 'Adagrad', the 'accum' must be float, but got 'string'.");
    expect(() => new nn.Adagrad(w, { updateSlots: 0 as never })).toThrow(
      "For 'Adagrad', the type of 'updateSlots' should be 'bool', but got 'number'.",
    );
    expect(memory().numTensors).toBe(before);
  });
});
