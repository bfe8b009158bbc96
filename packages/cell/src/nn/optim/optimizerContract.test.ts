import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { keep, listBackends, memory, registerBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const param = (values: number[], name: string) => new Parameter(tensor(values, 'float32'), name);
const value = (t: Tensor) => (t.dataSync() as Float32Array)[0] as number;

type Make = (params: Parameter[]) => nn.Optimizer;
const OPTIMIZERS: [string, Make][] = [
  ['SGD', (p) => new nn.SGD(p, { learningRate: 0.1, momentum: 0.9 })],
  ['Momentum', (p) => new nn.Momentum(p, 0.1, 0.9)],
  ['Adam', (p) => new nn.Adam(p, { learningRate: 0.1, useAmsgrad: true })],
  ['AdamW', (p) => new nn.AdamW(p, { learningRate: 0.1, amsgrad: true })],
];

/** Every value the optimizer holds (parameters, state, step, rates, beta powers), by name. */
function snapshot(opt: nn.Optimizer): [string, number[]][] {
  return [...opt.parametersAndNames()].map(([name, p]) => [name, Array.from(p.dataSync() as ArrayLike<number>)]);
}

describe('optimizer options and positional forms', () => {
  it("takes MindSpore's positional learning rate", () => {
    for (const make of [
      (p: Parameter[]) => new nn.SGD(p, 0.5),
      (p: Parameter[]) => new nn.Adam(p, 0.5),
      (p: Parameter[]) => new nn.AdamW(p, 0.5, { weightDecay: 0 }),
      (p: Parameter[]) => new nn.Momentum(p, 0.5, 0.9),
    ]) {
      const opt = make([param([1], 'w')]);
      expect(value(opt.getLrParameter(opt.parameters[0] as Parameter) as Parameter)).toBe(0.5);
    }
    const opt = new nn.SGD([param([1], 'w')], [0.3, 0.2], { momentum: 0.5 });
    expect(opt.dynamicLr).toBe(true);
  });

  it('refuses unknown options, non-object options, a rate given twice and extra arguments', () => {
    const w = () => [param([1], 'w')];
    expect(() => new nn.Adam(w(), { learning_rate: 0.1 } as never)).toThrow(
      /^unknown option 'learning_rate' for Adam; did you mean 'learningRate'\?/,
    );
    expect(() => new nn.SGD(w(), { weight_decay: 0.1 } as never)).toThrow(
      "unknown option 'weight_decay' for SGD; did you mean 'weightDecay'?",
    );
    expect(() => new nn.Momentum(w(), 0.1, 0.9, { nesterov: true } as never)).toThrow(
      "unknown option 'nesterov' for Momentum (known: weightDecay, lossScale, useNesterov)",
    );
    expect(() => new nn.AdamW(w(), { betas: [0.9, 0.99] } as never)).toThrow(/unknown option 'betas' for AdamW/);
    expect(() => new nn.Adam(w(), null as never)).toThrow(TypeError);
    expect(() => new nn.Adam(w(), 0.1, 'fast' as never)).toThrow(
      'For \'Adam\', the options must be an object or undefined, but got "fast".',
    );
    expect(() => new nn.Adam(w(), 0.1, { learningRate: 0.2 } as never)).toThrow(/learning rate was given twice/);
    expect(() => new (nn.SGD as never as new (...a: unknown[]) => unknown)(w(), 0.1, {}, 3)).toThrow(
      'SGD takes at most 3 arguments, but got 4.',
    );
    expect(() => new (nn.Momentum as never as new (...a: unknown[]) => unknown)(w(), 0.1, 0.9, {}, 1)).toThrow(
      'Momentum takes at most 4 arguments, but got 5.',
    );
  });

  it('refuses NaN and infinite hyper-parameters', () => {
    const w = () => [param([1], 'w')];
    expect(() => new nn.Momentum(w(), 0.1, Number.NaN)).toThrow(RangeError);
    expect(() => new nn.SGD(w(), { momentum: Number.NaN })).toThrow(
      "For 'SGD', the argument 'momentum' must be a finite number, but got NaN.",
    );
    expect(() => new nn.SGD(w(), { dampening: Number.NaN })).toThrow(/'dampening' must be a finite number/);
    expect(() => new nn.SGD(w(), { learningRate: Number.NaN })).toThrow(RangeError);
    expect(() => new nn.SGD(w(), { learningRate: [0.1, Number.NaN] })).toThrow(RangeError);
    expect(() => new nn.Adam(w(), { beta1: Number.NaN })).toThrow(RangeError);
    expect(() => new nn.Adam(w(), { eps: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => new nn.AdamW(w(), { weightDecay: Number.NaN })).toThrow(RangeError);
  });
});

describe('failed optimizer constructors leak nothing', () => {
  it('bad hyper-parameters, duplicate names and clashing state names free what was made', () => {
    const w = param([1, 2], 'w');
    const clash = param([1], 'global_step'); // the name of the optimizer's own step Parameter
    const twin = param([3], 'w');
    const stateNamed = [param([1], 'momentum'), param([1], 'beta1_power')];
    const before = memory();
    expect(() => new nn.Adam([w], { beta1: 1 })).toThrow(RangeError);
    expect(() => new nn.AdamW([w], { eps: -1 })).toThrow(RangeError);
    expect(() => new nn.SGD([w], { nesterov: true })).toThrow(RangeError);
    expect(() => new nn.Momentum([w], 0.1, -1)).toThrow(RangeError);
    expect(() => new nn.Adam([w, twin])).toThrow(/already exists/);
    // Refused after the step, rate and state Parameters were made: they are freed again.
    expect(() => new nn.Momentum([w, clash], 0.1, 0.9)).toThrow(/its name 'global_step' already exists/);
    expect(() => new nn.Adam([w, clash], { useAmsgrad: true })).toThrow(/its name 'global_step' already exists/);
    // A network Parameter named like the optimizer's own state is refused, not silently unregistered.
    expect(() => new nn.Momentum([w, stateNamed[0] as Parameter], 0.1, 0.9)).toThrow(/its name 'momentum' already exists/);
    expect(() => new nn.Adam([stateNamed[1] as Parameter])).toThrow(/its name 'beta1_power' already exists/);
    expect(() => new nn.SGD([w], { learningRate: 'x' as never })).toThrow(TypeError);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
    expect(clash.name).toBe('global_step');
  });
});

describe('an optimizer step is atomic', () => {
  for (const [name, make] of OPTIMIZERS) {
    it(`${name}: a bad second gradient changes nothing and frees nothing`, () => {
      const a = param([1, 2], 'a');
      const b = param([3], 'b');
      const opt = make([a, b]);
      opt.call([tensor([0.5, 0.5], 'float32'), tensor([1], 'float32')]);
      const state = snapshot(opt);
      const good = tensor([1, -1], 'float32');
      const bad = [
        tensor([1, 2], 'float32'), // wrong shape
        tensor([1], 'float16'), // wrong dtype
        tensor([1], 'int32'), // wrong dtype
      ];
      const disposed = tensor([1], 'float32');
      disposed.dispose();
      for (const second of [...bad, disposed]) {
        const before = memory().numTensors;
        expect(() => opt.call([good, second])).toThrow(second === disposed ? /has been disposed/ : /gradient 1/);
        expect(memory().numTensors).toBe(before);
        expect(snapshot(opt)).toEqual(state);
        expect(good.isDisposed).toBe(false);
      }
      expect(() => opt.call([good])).toThrow(/number of gradients \(1\)/);
      expect(() => opt.call(good as never)).toThrow(/number of gradients \(1\)/);
      expect(snapshot(opt)).toEqual(state);
    });
  }
});

describe('optimizer.call frees the gradients it is handed', () => {
  it('after the update, except kept tensors and Parameters', () => {
    const w = param([1, 2], 'w');
    const opt = new nn.SGD([w], 0.1);
    const g = tensor([1, 1], 'float32');
    opt.call([g]);
    expect(g.isDisposed).toBe(true);
    const kept = keep(tensor([1, 1], 'float32'));
    opt.call([kept]);
    opt.call([kept]);
    expect(kept.isDisposed).toBe(false);
    const asGrad = param([1, 1], 'g');
    opt.call([asGrad]);
    expect(asGrad.isDisposed).toBe(false);
    expect(Array.from(w.dataSync())).toEqual([expect.closeTo(0.6, 6), expect.closeTo(1.6, 6)]);
  });

  for (const [name, make] of OPTIMIZERS) {
    it(`${name}: a plain loop of 200 valueAndGrad steps keeps memory flat`, () => {
      const w = param([0.5, -0.5, 0.25], 'w');
      const b = param([0.1], 'b');
      const x = tensor(
        [
          [1, 2, 3],
          [0, 1, -1],
        ],
        'float32',
      );
      const y = tensor([1, -1], 'float32');
      const opt = make([w, b]);
      const forward = (xs: Tensor, ys: Tensor) => ops.mean(ops.square(ops.sub(ops.add(ops.sum(ops.mul(xs, w), -1), b), ys))) as Tensor;
      const gradFn = ops.valueAndGrad(forward, null, opt.parameters);
      const step = () => {
        const [loss, grads] = gradFn(x, y);
        opt.call(grads);
        return loss;
      };
      const first = step();
      const firstLoss = value(first);
      first.dispose();
      const before = memory();
      let last = 0;
      for (let i = 0; i < 200; i++) {
        const loss = step();
        last = value(loss);
        loss.dispose();
      }
      expect(memory().numTensors).toBe(before.numTensors);
      expect(memory().numBytes).toBe(before.numBytes);
      expect(last).toBeLessThan(firstLoss);
    });
  }
});

describe('the Optimizer base class', () => {
  /** A subclass that only writes construct, as the Optimizer documentation shows. */
  class PlainSGD extends nn.Optimizer {
    override construct(gradients: readonly Tensor[]): boolean {
      tidy(() => {
        const lrs = this.lrPerParameter();
        this.incrementStep();
        this.parameters.forEach((p, i) => {
          ops.assignSub(p, ops.mul(gradients[i] as Tensor, lrs[i] as Tensor));
        });
      });
      return true;
    }
  }

  it("gives a subclass's call the same checks, atomicity and freeing", () => {
    const a = param([1, 2], 'a');
    const b = param([3], 'b');
    const opt = new PlainSGD(0.5, [a, b]);
    const state = snapshot(opt);
    const good = tensor([1, 1], 'float32');
    expect(() => opt.call([good, tensor([1], 'int32')])).toThrow(
      "For 'PlainSGD', the gradient 1 must have the dtype of 'b' (float32), but got int32.",
    );
    expect(snapshot(opt)).toEqual(state);
    const g = [good, tensor([2], 'float32')];
    expect(opt.call(g)).toBe(true);
    expect(g.every((t) => t.isDisposed)).toBe(true);
    expect(Array.from(a.dataSync())).toEqual([0.5, 1.5]);
    expect(value(opt.globalStep)).toBe(1);
    expect(() => new (PlainSGD as never as new (...a: unknown[]) => unknown)(0.1, [param([1], 'c')], { lr: 1 })).toThrow(
      /unknown option 'lr' for PlainSGD/,
    );
  });
});
