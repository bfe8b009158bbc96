import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { amp } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const value = (t: { dataSync(): ArrayLike<number> }) => t.dataSync()[0];

describe('amp.allFinite', () => {
  it('is true when every element of every input is finite, false on a NaN or an infinity', () => {
    expect(value(amp.allFinite([tensor([1, 2], 'float32'), tensor([3], 'int32')]))).toBe(1);
    expect(value(amp.allFinite(tensor([1, Number.NaN], 'float32')))).toBe(0);
    expect(value(amp.allFinite([tensor([1], 'float32'), tensor([[Number.NEGATIVE_INFINITY]], 'float16')]))).toBe(0);
    expect(value(amp.allFinite([]))).toBe(1);
    expect(amp.allFinite([]).dtype).toBe('bool');
    expect(() => amp.allFinite([1] as never)).toThrow(/'inputs' must be a Tensor or an array of Tensors, but got Array/);
  });
});

describe('amp.StaticLossScaler', () => {
  it('scales and unscales each tensor in its own dtype, and never adjusts', () => {
    const scaler = new amp.StaticLossScaler(1024);
    expect(scaler.scaleValue.name).toBe('scale_value');
    const g = tensor([0.5, -2], 'float16');
    const scaled = scaler.scale([g, tensor([1], 'float32')]);
    expect(scaled.map((t) => t.dtype)).toEqual(['float16', 'float32']);
    expect(Array.from(scaled[0]?.dataSync() ?? [])).toEqual([512, -2048]);
    expect(Array.from(scaler.unscale(scaled[0] as typeof g).dataSync())).toEqual([0.5, -2]);
    expect(scaler.adjust(tensor(false, 'bool'))).toBe(false);
    expect(value(scaler.scaleValue)).toBe(1024);
    expect(() => new amp.StaticLossScaler(0)).toThrow(/'scale_value' must be a finite number > 0, but got 0/);
  });
});

describe('amp.DynamicLossScaler', () => {
  it("follows MindSpore's rule: grow after scale_window finite steps, shrink (not below 1) on an overflow", () => {
    const scaler = new amp.DynamicLossScaler(8, 2, 2);
    const step = (finite: boolean) => {
      expect(scaler.adjust(tensor(finite, 'bool'))).toBe(true);
      return [value(scaler.scaleValue), value(scaler.counter)];
    };
    expect(step(true)).toEqual([8, 1]);
    expect(step(true)).toEqual([16, 0]);
    expect(step(false)).toEqual([8, 0]);
    expect(step(true)).toEqual([8, 1]);
    expect(step(false)).toEqual([4, 0]);
    expect(step(false)).toEqual([2, 0]);
    expect(step(false)).toEqual([1, 0]);
    expect(step(false)).toEqual([1, 0]);
  });

  it('does not grow past float32, and checks its arguments', () => {
    const scaler = new amp.DynamicLossScaler(3e38, 2, 1);
    scaler.adjust(tensor(true, 'bool'));
    expect(value(scaler.scaleValue)).toBeCloseTo(3e38, -33);
    expect(() => new amp.DynamicLossScaler(8, 2, 0)).toThrow(/'scale_window' must be an integer >= 1, but got 0/);
    expect(() => new amp.DynamicLossScaler(8, -2, 1)).toThrow(/'scale_factor' must be a finite number > 0, but got -2/);
    expect(() => scaler.adjust(tensor([true, false], 'bool'))).toThrow(/one-element bool Tensor/);
  });
});
