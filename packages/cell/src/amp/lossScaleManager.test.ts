import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';
import { DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager } from './lossScaleManager.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('amp.FixedLossScaleManager', () => {
  it("has MindSpore's defaults (128, drop overflowing steps) and a FixedLossScaleUpdateCell", () => {
    const m = new FixedLossScaleManager();
    expect(m).toBeInstanceOf(LossScaleManager);
    expect([m.getLossScale(), m.getDropOverflowUpdate()]).toEqual([128, true]);
    const cell = m.getUpdateCell();
    expect(cell).toBeInstanceOf(nn.FixedLossScaleUpdateCell);
    expect(cell?.getLossScale()).toBe(128);
    m.updateLossScale(true);
    expect(m.getLossScale()).toBe(128);
  });

  it('without dropping overflowing steps it has no update Cell', () => {
    const m = new FixedLossScaleManager(1024, false);
    expect([m.getLossScale(), m.getDropOverflowUpdate(), m.getUpdateCell()]).toEqual([1024, false, null]);
  });

  it('refuses a scale below 1 and a non-bool flag, naming the argument', () => {
    expect(() => new FixedLossScaleManager(0.5)).toThrow(
      "For 'FixedLossScaleManager', the argument 'loss_scale' must be a finite number >= 1, but got 0.5.",
    );
    expect(() => new FixedLossScaleManager(Number.POSITIVE_INFINITY)).toThrow(
      /'loss_scale' must be a finite number >= 1, but got Infinity/,
    );
    expect(() => new FixedLossScaleManager(128, 'yes' as unknown as boolean)).toThrow(
      "For 'FixedLossScaleManager', the 'drop_overflow_update' must be a bool, but got \"yes\".",
    );
    expect(() => new FixedLossScaleManager().updateLossScale(1 as unknown as boolean)).toThrow(/'overflow' must be a bool, but got 1/);
  });
});

describe('amp.DynamicLossScaleManager', () => {
  it("has MindSpore's defaults (2**24, factor 2, window 2000)", () => {
    const m = new DynamicLossScaleManager();
    expect([m.getLossScale(), m.scaleFactor, m.scaleWindow, m.getDropOverflowUpdate()]).toEqual([2 ** 24, 2, 2000, true]);
  });

  it('halves on an overflow (never below 1) and doubles after scaleWindow steps without one', () => {
    const m = new DynamicLossScaleManager(8, 2, 3);
    const seen: number[] = [];
    for (const overflow of [true, false, false, false, false, false, false, true, true, true, true, true]) {
      m.updateLossScale(overflow);
      seen.push(m.getLossScale());
    }
    expect(seen).toEqual([4, 4, 4, 8, 8, 8, 16, 8, 4, 2, 1, 1]);
  });

  it('follows the same rule as the DynamicLossScaleUpdateCell it makes, step for step', () => {
    const m = new DynamicLossScaleManager(2 ** 10, 2, 4);
    const cell = m.getUpdateCell();
    expect(cell).toBeInstanceOf(nn.DynamicLossScaleUpdateCell);
    const scale = new Parameter(tensor(2 ** 10, 'float32'), 'scale_sense', { requiresGrad: false });
    // A fixed overflow pattern with runs long enough to grow the scale.
    const pattern = Array.from({ length: 60 }, (_, i) => (i * 7919) % 11 === 0 || (i > 40 && i % 5 === 0));
    const seen: number[] = [];
    for (const overflow of pattern) {
      m.updateLossScale(overflow);
      cell.call(scale, tensor(overflow, 'bool'));
      expect(scale.item()).toBe(m.getLossScale());
      seen.push(m.getLossScale());
    }
    // The pattern both grew and lowered the scale.
    expect(Math.max(...seen)).toBeGreaterThan(2 ** 10);
    expect(Math.min(...seen)).toBeLessThan(2 ** 10);
    scale.dispose();
  });

  it('throws after more than 1000 overflows in a row, as MindSpore does', () => {
    const m = new DynamicLossScaleManager(2);
    for (let i = 0; i < 1000; i++) m.updateLossScale(true);
    expect(m.getLossScale()).toBe(1);
    expect(() => m.updateLossScale(true)).toThrow(/overflowed 1001 steps in a row, more than the 1000 allowed/);
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => new DynamicLossScaleManager(0)).toThrow(
      "For 'DynamicLossScaleManager', the argument 'init_loss_scale' must be a finite number >= 1, but got 0.",
    );
    expect(() => new DynamicLossScaleManager(2 ** 10, 0)).toThrow(/'scale_factor' must be a finite number > 0, but got 0/);
    expect(() => new DynamicLossScaleManager(2 ** 10, 2, 1.5)).toThrow(/'scale_window' must be a positive int, but got 1.5/);
  });
});
