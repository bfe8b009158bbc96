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

function expectValues(t: Tensor, expected: readonly number[], digits = 6): void {
  const got = Array.from(t.dataSync() as ArrayLike<number>);
  expect(got.length).toBe(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
}

describe('nn.Momentum', () => {
  it('v ← u·v + g, p ← p − lr·v', () => {
    const w = param([1, 2], 'w');
    const opt = new nn.Momentum([w], 0.1, 0.9);
    opt.call(grads([1, 1])); // v = 1; w = [0.9, 1.9]
    expectValues(w, [0.9, 1.9]);
    opt.call(grads([1, 1])); // v = 1.9; w = [0.71, 1.71]
    expectValues(w, [0.71, 1.71]);
    expectValues(opt.moments[0] as Parameter, [1.9, 1.9]);
    expectValues(opt.globalStep, [2]);
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual(['global_step', 'learning_rate', 'w', 'momentum', 'moments.w']);
  });

  it('with Nesterov: p ← p − lr·(g + u·v)', () => {
    const w = param([1], 'w');
    const opt = new nn.Momentum([w], 0.1, 0.9, { useNesterov: true });
    opt.call(grads([1])); // v = 1; w −= 0.1·1.9
    expectValues(w, [0.81]);
    opt.call(grads([1])); // v = 1.9; w −= 0.1·(1 + 1.71)
    expectValues(w, [0.539]);
  });

  it("adds weight decay except to 'beta'/'gamma' names, and removes the loss scale", () => {
    const w = param([1], 'w');
    const gamma = param([1], 'bn.gamma');
    const opt = new nn.Momentum([w, gamma], 0.1, 0.9, { weightDecay: 0.1 });
    opt.call(grads([0], [0])); // g' = 0.1·1 = 0.1; v = 0.1; w = 0.99; gamma untouched
    expectValues(w, [0.99]);
    expectValues(gamma, [1]);
    opt.call(grads([0], [0])); // g' = 0.099; v = 0.09 + 0.099 = 0.189; w = 0.99 − 0.0189
    expectValues(w, [0.9711]);
    expect(opt.decayFlags).toEqual([true, false]);
    const scaled = param([1], 'w');
    new nn.Momentum([scaled], 0.1, 0, { lossScale: 4 }).call(grads([4])); // g = 4 / 4 = 1
    expectValues(scaled, [0.9]);
  });

  it("refuses a negative momentum with MindSpore's message", () => {
    expect(() => new nn.Momentum([param([1], 'w')], 0.1, -0.1)).toThrow(
      "For 'Momentum', the argument 'momentum' must be at least 0.0, but got -0.1",
    );
    expect(() => new nn.Momentum([param([1], 'w')], 0.1, '0.9' as never)).toThrow(
      "For 'Momentum', the type of 'momentum' should be 'float', but got 'string'.",
    );
  });
});
