import { CpuBackend, cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, memory, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const param = (values: number[], name: string) => new Parameter(tensor(values, 'float32'), name);
const grads = (...values: number[][]) => values.map((v) => tensor(v, 'float32'));

function expectValues(t: Tensor, expected: readonly number[], digits = 6): void {
  const got = Array.from(t.dataSync() as ArrayLike<number>);
  expect(got.length).toBe(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
}

describe('nn.SGD', () => {
  it('without momentum: p ← p − lr·g', () => {
    const w = param([1, -2], 'w');
    const opt = new nn.SGD([w], { learningRate: 0.1 });
    expect(opt.call(grads([0.5, 1]))).toBe(true);
    expectValues(w, [0.95, -2.1]);
    opt.call(grads([0.5, 1]));
    expectValues(w, [0.9, -2.2]);
    expectValues(opt.globalStep, [2]);
  });

  it('updates a float32 parameter in one fused pass (ops.applyGradientDescent), a float16 one as before', () => {
    const compile = vi.spyOn(CpuBackend.prototype, 'compileElementwise');
    try {
      // Three elements: no earlier test compiled this program (compiled programs are cached).
      const w = param([1, -2, 3], 'w');
      const h = new Parameter(tensor([1, -2, 3], 'float16'), 'h');
      const opt = new nn.SGD([w, h], { learningRate: 0.1 });
      opt.call([...grads([0.5, 1, 0]), tensor([0.5, 1, 0], 'float16')]);
      const programs = compile.mock.calls.map(([p]) => p);
      expect(
        programs.some((p) => p.inputs[0]?.dtype === 'float32' && p.steps.map((s) => s.kind === 'binary' && s.op).join() === 'mul,sub'),
      ).toBe(true);
      expect(programs.some((p) => p.inputs[0]?.dtype === 'float16')).toBe(false);
      expectValues(w, [0.95, -2.1, 3]);
      expectValues(h, [0.95, -2.1, 3], 3);
    } finally {
      compile.mockRestore();
    }
  });

  it('with momentum, dampening and weight decay, as the SGD kernel: accum = g on the first step', () => {
    const w = param([1, -2], 'w');
    const opt = new nn.SGD([w], { learningRate: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 });
    // step 1: g' = g + 0.01·w = [0.51, 0.98]; accum = g'; w = w − 0.1·accum = [0.949, −2.098]
    opt.call(grads([0.5, 1]));
    expectValues(w, [0.949, -2.098]);
    expectValues(opt.accum[0] as Parameter, [0.51, 0.98]);
    expectValues(opt.stat[0] as Parameter, [0, 0]);
    // step 2: g' = [0.50949, 0.97902]; accum = 0.9·[0.51, 0.98] + 0.9·g' = [0.917541, 1.763118]
    opt.call(grads([0.5, 1]));
    expectValues(opt.accum[0] as Parameter, [0.917541, 1.763118]);
    expectValues(w, [0.8572459, -2.2743118]);
  });

  it('with Nesterov momentum: g ← g + u·accum', () => {
    const w = param([1], 'w');
    const opt = new nn.SGD([w], { learningRate: 0.1, momentum: 0.9, nesterov: true });
    opt.call(grads([1])); // accum = 1; g = 1 + 0.9 = 1.9; w = 0.81
    expectValues(w, [0.81]);
    opt.call(grads([1])); // accum = 0.9 + 1 = 1.9; g = 1 + 1.71 = 2.71; w = 0.539
    expectValues(w, [0.539]);
  });

  it("decays every parameter, 'beta' and 'gamma' included, as MindSpore's SGD kernel does", () => {
    const beta = param([1], 'bn.beta');
    const opt = new nn.SGD([beta], { learningRate: 1, weightDecay: 0.1 });
    opt.call(grads([0]));
    expectValues(beta, [0.9]);
  });

  it('names its state like MindSpore: accum.*, stat.*, momentum, learning_rate, global_step', () => {
    const w = param([1, 2], 'dense.weight');
    const opt = new nn.SGD([w], { momentum: 0.9 });
    expect([...opt.parametersAndNames()].map(([n, p]) => [n, p.name])).toEqual([
      ['global_step', 'global_step'],
      ['learning_rate', 'learning_rate'],
      ['dense.weight', 'dense.weight'],
      ['momentum', 'momentum'],
      ['accum.dense.weight', 'accum.dense.weight'],
      ['stat.dense.weight', 'stat.dense.weight'],
    ]);
    expect(opt.globalStep.dtype).toBe('int32');
    expect(opt.globalStep.shape).toEqual([1]);
    expectValues(opt.stat[0] as Parameter, [1, 1]);
    expectValues(opt.learning_rate as Parameter, [0.1]);
  });

  it("refuses bad hyper-parameters with MindSpore's messages", () => {
    const w = () => [param([1], 'w')];
    expect(() => new nn.SGD(w(), { momentum: -0.1 })).toThrow(
      new RangeError("For 'SGD', the argument 'momentum' must be at least 0.0, but got -0.1."),
    );
    expect(() => new nn.SGD(w(), { dampening: -1 })).toThrow(
      "For 'SGD', the argument 'dampening' must be at least 0.0, but got 'dampening' -1.0",
    );
    expect(() => new nn.SGD(w(), { nesterov: true })).toThrow(
      "For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' must equal to 0.0, but got 'momentum' 0.0, 'dampening' 0.0",
    );
    expect(() => new nn.SGD(w(), { learningRate: -0.1 })).toThrow(
      "For 'SGD', the 'learning rate' must be float and must >= 0, but got '-0.1' with type 'float'.",
    );
    expect(() => new nn.SGD(w(), { weightDecay: -1 })).toThrow(
      "For 'SGD', the 'weightDecay' must be float and must >= 0, but got '-1.0' with type 'float'.",
    );
    expect(() => new nn.SGD(w(), { lossScale: 0 })).toThrow(
      "For 'SGD', the 'lossScale' must be float and must > 0, but got '0.0' with type 'float'.",
    );
    expect(() => new nn.SGD(w(), { nesterov: 1 as never, momentum: 0.9 })).toThrow(
      "For 'SGD', the type of 'nesterov' should be 'bool', but got 'number'.",
    );
  });

  it('checks the gradients and keeps memory flat', () => {
    const w = param([1, 2], 'w');
    const opt = new nn.SGD([w], { momentum: 0.9 });
    expect(() => opt.call(grads([1, 2], [3]))).toThrow("For 'SGD', the number of gradients (2) must equal the number of parameters (1).");
    expect(() => opt.call(grads([1]))).toThrow("For 'SGD', the gradient 0 must have the shape of 'w' [2], but got shape [1].");
    opt.call(grads([1, 1]));
    const before = memory().numTensors;
    // The optimizer frees the gradients it is handed once the step is applied.
    for (let i = 0; i < 5; i++) opt.call(grads([1, 1]));
    expect(memory().numTensors).toBe(before);
  });
});
