import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { keep, listBackends, memory, registerBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const param = (values: number[], name: string) => new Parameter(tensor(values, 'float32'), name);
const ones = (n: number) => Array.from({ length: n }, () => tensor([1], 'float32'));
const value = (t: Tensor) => (t.dataSync() as Float32Array)[0] as number;

/** Runs `steps` SGD steps with gradient 1 and returns w after each. */
function trajectory(lr: nn.LearningRate, steps: number): number[] {
  const w = param([1], 'w');
  const opt = new nn.SGD([w], { learningRate: lr });
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.call(ones(1));
    out.push(value(w));
  }
  expect(value(opt.globalStep)).toBe(steps);
  return out;
}

describe('learning rates', () => {
  it('a number or a scalar Tensor is fixed', () => {
    for (const lr of [0.1, tensor(0.1, 'float32')]) {
      const [a, b] = trajectory(lr, 2);
      expect(a).toBeCloseTo(0.9, 6);
      expect(b).toBeCloseTo(0.8, 6);
    }
  });

  it('an array or 1-D Tensor gives one rate per step, and the last one repeats', () => {
    for (const lr of [[0.1, 0.05], tensor([0.1, 0.05], 'float32')]) {
      const w = trajectory(lr, 4);
      for (const [i, v] of [0.9, 0.85, 0.8, 0.75].entries()) expect(w[i]).toBeCloseTo(v, 6);
    }
  });

  it('getLr reads the rate at the current step', () => {
    const opt = new nn.SGD([param([1], 'w')], { learningRate: [0.3, 0.2, 0.1] });
    const read = () => tidy(() => value(opt.getLr() as Tensor));
    expect(read()).toBeCloseTo(0.3, 6);
    opt.call(ones(1));
    expect(read()).toBeCloseTo(0.2, 6);
    expect(opt.dynamicLr).toBe(true);
  });

  it("refuses bad rates with MindSpore's messages", () => {
    const w = () => [param([1], 'w')];
    expect(() => new nn.Adam(w(), { learningRate: -0.1 })).toThrow(
      new RangeError("For 'Adam', the 'learning rate' must be float and must >= 0, but got '-0.1' with type 'float'."),
    );
    expect(() => new nn.Adam(w(), { learningRate: 'x' as never })).toThrow(
      "For 'Optimizer', the argument 'learningRate' must be int, float, Tensor, Iterable or LearningRateSchedule, but got string.",
    );
    expect(() => new nn.Adam(w(), { learningRate: tensor([[0.1]], 'float32') })).toThrow(
      "For 'Optimizer', if 'learningRate' is Tensor type, then the dimension of it should be 0 or 1, but got 2.",
    );
    expect(() => new nn.Adam(w(), { learningRate: [] })).toThrow(/an Iterable 'learningRate' must hold numbers, one per step/);
    expect(() => new nn.Adam(w(), { learningRate: tensor([], 'float32') })).toThrow(/it is empty/);
    expect(() => new nn.Adam(w(), { weightDecay: '0.1' as never })).toThrow(
      "For 'Optimizer', the argument 'weightDecay' must be int or float, but got string.",
    );
  });
});

describe('parameter groups', () => {
  it('give each group its learning rate and weight decay, named learning_rate_group_<i>', () => {
    const a = param([1], 'a');
    const b = param([1], 'b');
    const opt = new nn.Momentum([{ params: [a], lr: 0.5, weightDecay: 0.1 }, { params: [b] }], 0.1, 0);
    opt.call([tensor([0], 'float32'), tensor([1], 'float32')]);
    expect(value(a)).toBeCloseTo(1 - 0.5 * 0.1, 6); // decay 0.1·1 is the whole gradient
    expect(value(b)).toBeCloseTo(0.9, 6); // default lr, no decay
    expect(opt.isGroup && opt.isGroupLr).toBe(true);
    expect(opt.getWeightDecay()).toEqual([0.1, 0]);
    expect((opt.getLrParameter(a) as Parameter).name).toBe('learning_rate_group_0');
    expect(value(opt.getLrParameter(a) as Parameter)).toBeCloseTo(0.5, 6);
    expect(opt.getLrParameter([b]).map((p) => (p as Parameter).name)).toEqual(['learning_rate']);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual([
      'global_step',
      'learning_rate_group_0',
      'learning_rate',
      'a',
      'b',
      'momentum',
      'moments.a',
      'moments.b',
    ]);
    const lrs = tidy(() => (opt.getLr() as Tensor[]).map(value));
    expect(lrs.map((v) => Math.round(v * 100) / 100)).toEqual([0.5, 0.1]);
  });

  it("grouped decay ignores the 'beta'/'gamma' rule: every group with decay > 0 decays", () => {
    const gamma = param([1], 'bn.gamma');
    const opt = new nn.Momentum([{ params: [gamma], weightDecay: 0.5 }], 0.1, 0);
    opt.call([tensor([0], 'float32')]);
    expect(value(gamma)).toBeCloseTo(0.95, 6);
    expect(opt.decayFlags).toEqual([true]);
  });

  it('orderParams sets the order of parameters and their state', () => {
    const a = param([1], 'a');
    const b = param([2], 'b');
    const plain = new nn.Adam([{ params: [b] }, { params: [a] }]);
    expect(plain.parameters.map((p) => p.name)).toEqual(['b', 'a']);
    const ordered = new nn.Adam([{ params: [b], lr: 0.2 }, { params: [a] }, { orderParams: [a, b] }]);
    expect(ordered.parameters.map((p) => p.name)).toEqual(['a', 'b']);
    expect(ordered.moment1.map((p) => p.name)).toEqual(['moment1.a', 'moment1.b']);
    expect((ordered.getLrParameter(b) as Parameter).name).toBe('learning_rate_group_0');
  });

  it('array rates per group advance with the global step', () => {
    const a = param([1], 'a');
    const b = param([1], 'b');
    const opt = new nn.SGD(
      [
        { params: [a], lr: [0.1, 0.2] },
        { params: [b], lr: 0.3 },
      ],
      { learningRate: [0.5, 0.5] },
    );
    opt.call(ones(2));
    opt.call(ones(2));
    expect(value(a)).toBeCloseTo(1 - 0.1 - 0.2, 6);
    expect(value(b)).toBeCloseTo(1 - 0.6, 6);
  });

  it("refuses malformed groups with MindSpore's messages", () => {
    const a = param([1], 'a');
    const b = param([1], 'b');
    expect(() => new nn.Adam([])).toThrow("For 'Optimizer', the argument parameters must not be empty.");
    expect(() => new nn.Adam(null as never)).toThrow("For 'Optimizer', the argument parameters can not be None.");
    expect(() => new nn.Adam(5 as never)).toThrow("For 'Optimizer', the argument parameters must be Iterable type, but got number.");
    expect(() => new nn.Adam([a, { params: [b] }] as never)).toThrow(
      "For 'Optimizer', all elements of the argument 'parameters' must be 'Parameter' or 'dict', please check the 'parameters'.",
    );
    expect(() => new nn.Adam([{ params: [a], momentum: 1 } as never])).toThrow(
      "For 'Optimizer', the key in group params must be one of in ['params', 'lr', 'weightDecay', 'orderParams'], but got ['momentum'].",
    );
    expect(() => new nn.Adam([{ params: [a] }, { params: [a] }])).toThrow(
      "For 'Optimizer', the a parameter already exists, it does not support repeated setting. Please check whether the optimizer parameter has been set multiple times.",
    );
    expect(() => new nn.Adam([{ params: [a, 3 as never] }])).toThrow(
      "For 'Optimizer', the element in group parameters must be Parameter type, but got number at index 1.",
    );
    expect(() => new nn.Adam([{ params: [a] }, { params: [b] }, { orderParams: [a] }])).toThrow(
      "For 'Optimizer',the length of order parameters must be the same as the length of group parameters, but got order parameters' length 1, group parameters' length 2.",
    );
    expect(() => new nn.Adam([{ params: [a] }, { orderParams: [a], lr: 1 } as never])).toThrow(/should only include the 'orderParams' key/);
    expect(() => new nn.SGD([{ params: [a], lr: [0.1, 0.2, 0.3] }], { learningRate: [0.1, 0.2] })).toThrow(
      "For 'Optimizer', the Tensor type dynamic learning rate in group must be the same size as the argument 'learningRate'.",
    );
  });
});

describe('optimizer memory', () => {
  it('holds only its state: disposing it after steps returns to the baseline', () => {
    const w = param([1, 2], 'w');
    const g = [keep(tensor([1, 1], 'float32'))]; // reused: kept from the optimizer's freeing
    const before = memory().numTensors;
    const opt = new nn.Adam([{ params: [w], lr: [0.1, 0.2] }], { learningRate: [0.3, 0.4], useAmsgrad: true });
    for (let i = 0; i < 3; i++) opt.call(g);
    // global_step, learning_rate_group_0, beta1_power, beta2_power, moment1.w, moment2.w, vhat.w
    expect(memory().numTensors).toBe(before + 7);
    for (const p of opt.getParameters()) if (p !== w) p.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
