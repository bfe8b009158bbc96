import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { keep, listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const at = (schedule: nn.LearningRateSchedule, step: number) => {
  const t = tensor([step], 'int32');
  const lr = schedule(t);
  const v = (lr.dataSync() as Float32Array)[0] as number;
  expect(lr.dtype).toBe('float32');
  lr.dispose();
  t.dispose();
  return v;
};

describe('learning-rate schedules', () => {
  it('exponentialDecayLR: lr · rate^(step / decaySteps), floored with isStair', () => {
    const smooth = nn.exponentialDecayLR(0.1, 0.9, 4);
    expect(at(smooth, 0)).toBeCloseTo(0.1, 7);
    expect(at(smooth, 2)).toBeCloseTo(0.1 * 0.9 ** 0.5, 7); // 0.0948683
    const stair = nn.exponentialDecayLR(0.1, 0.9, 4, true);
    expect(at(stair, 3)).toBeCloseTo(0.1, 7);
    expect(at(stair, 5)).toBeCloseTo(0.09, 7);
  });

  it('cosineDecayLR: from maxLr down to minLr over decaySteps, then flat', () => {
    const s = nn.cosineDecayLR(0.01, 0.1, 4);
    expect(at(s, 0)).toBeCloseTo(0.1, 7);
    expect(at(s, 2)).toBeCloseTo(0.055, 7);
    expect(at(s, 1)).toBeCloseTo(0.01 + 0.045 * (1 + Math.cos(Math.PI / 4)), 7);
    expect(at(s, 4)).toBeCloseTo(0.01, 7);
    expect(at(s, 9)).toBeCloseTo(0.01, 7);
  });

  it('warmupLR: lr · min(step, warmupSteps) / warmupSteps', () => {
    const s = nn.warmupLR(0.1, 2);
    expect([0, 1, 2, 7].map((t) => at(s, t))).toEqual([0, 0.05, 0.1, 0.1].map(Math.fround));
  });

  it("refuses bad arguments with MindSpore's wording", () => {
    expect(() => nn.exponentialDecayLR(0.1, 0.9, 0)).toThrow(
      "For 'exponentialDecayLR', the 'decaySteps' must be int and must > 0, but got '0' with type 'int'.",
    );
    expect(() => nn.exponentialDecayLR(0, 0.9, 2)).toThrow(
      "For 'exponentialDecayLR', the 'learningRate' must be float and must > 0, but got '0.0' with type 'float'.",
    );
    expect(() => nn.cosineDecayLR(0.1, 0.1, 2)).toThrow(
      "For 'cosineDecayLR', the 'maxLr' must be greater than the 'minLr', but got 'maxLr' value: 0.1, 'minLr' value: 0.1.",
    );
    expect(() => nn.warmupLR(0.1, 1.5)).toThrow("For 'warmupLR', the 'warmupSteps' must be int, but got 'number'.");
  });

  it('drive an optimizer through its global step', () => {
    const w = new Parameter(tensor([1], 'float32'), 'w');
    const opt = new nn.SGD([w], { learningRate: nn.exponentialDecayLR(0.1, 0.5, 1) });
    const g = [keep(tensor([1], 'float32'))]; // reused: kept from the optimizer's freeing
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      opt.call(g);
      seen.push((w.dataSync() as Float32Array)[0] as number);
    }
    // steps 0, 1, 2 use lr 0.1, 0.05, 0.025
    expect(seen[0]).toBeCloseTo(0.9, 6);
    expect(seen[1]).toBeCloseTo(0.85, 6);
    expect(seen[2]).toBeCloseTo(0.825, 6);
    expect(opt.dynamicLr).toBe(true);
    expect(opt.learning_rate).toBeTypeOf('function');
    expect([...opt.parametersAndNames()].map(([n]) => n)).toEqual(['global_step', 'w', 'momentum', 'accum.w', 'stat.w']);
  });
});
