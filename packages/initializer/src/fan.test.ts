import { describe, expect, it } from 'vitest';
import { calculateCorrectFan, calculateFanInAndFanOut, calculateGain } from './fan.js';

describe('calculateFanInAndFanOut', () => {
  it('reads a dense weight [out, in] as fanIn = in, fanOut = out', () => {
    expect(calculateFanInAndFanOut([64, 32])).toEqual([32, 64]);
    expect(calculateFanInAndFanOut([1, 7])).toEqual([7, 1]);
  });

  it('multiplies a conv weight [out, in, ...kernel] by the receptive field', () => {
    expect(calculateFanInAndFanOut([16, 3, 5, 5])).toEqual([3 * 25, 16 * 25]);
    expect(calculateFanInAndFanOut([8, 4, 3])).toEqual([12, 24]);
    expect(calculateFanInAndFanOut([2, 3, 4, 5, 6])).toEqual([3 * 120, 2 * 120]);
  });

  it('refuses fewer than 2 dimensions with MindSpore’s message', () => {
    expect(() => calculateFanInAndFanOut([5])).toThrow(
      "'fan_in' and 'fan_out' can not be computed for tensor with fewer than 2 dimensions, but got dimensions 1.",
    );
    expect(() => calculateFanInAndFanOut([])).toThrow('but got dimensions 0.');
  });
});

describe('calculateCorrectFan', () => {
  it('selects the fan by mode, case-insensitively', () => {
    expect(calculateCorrectFan([64, 32, 3, 3], 'fan_in')).toBe(32 * 9);
    expect(calculateCorrectFan([64, 32, 3, 3], 'fan_out')).toBe(64 * 9);
    expect(calculateCorrectFan([64, 32], 'FAN_OUT' as 'fan_out')).toBe(64);
  });

  it('names the valid modes for a bad one', () => {
    expect(() => calculateCorrectFan([4, 4], 'fan_avg' as 'fan_in')).toThrow(
      "'mode' fan_avg not supported, please use one of ['fan_in', 'fan_out']",
    );
  });
});

describe('calculateGain', () => {
  it('gives MindSpore’s gain per nonlinearity', () => {
    for (const linear of ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'] as const) {
      expect(calculateGain(linear)).toBe(1);
    }
    expect(calculateGain('sigmoid')).toBe(1);
    expect(calculateGain('tanh')).toBeCloseTo(5 / 3, 15);
    expect(calculateGain('relu')).toBeCloseTo(Math.sqrt(2), 15);
  });

  it('uses the negative slope for leaky_relu, 0.01 when none is given', () => {
    expect(calculateGain('leaky_relu')).toBeCloseTo(Math.sqrt(2 / (1 + 0.01 ** 2)), 15);
    expect(calculateGain('leaky_relu', 0)).toBeCloseTo(Math.sqrt(2), 15);
    expect(calculateGain('leaky_relu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 15);
  });

  it('rejects unknown nonlinearities and non-numeric slopes', () => {
    expect(() => calculateGain('gelu' as 'relu')).toThrow("For 'HeUniform', the argument 'nonlinearity' should be one of [");
    expect(() => calculateGain('gelu' as 'relu')).toThrow("'leaky_relu'], but got gelu.");
    expect(() => calculateGain('selu' as 'relu', undefined, 'HeNormal')).toThrow("For 'HeNormal'");
    expect(() => calculateGain('leaky_relu', true as unknown as number)).toThrow(
      "For 'HeUniform', 'negative_slope' true is not a valid number. When 'nonlinearity' has been set to 'leaky_relu', 'negative_slope' should be int or float type, but got boolean.",
    );
  });
});

describe('calculateFanInAndFanOut under a bad shape', () => {
  it('names the argument', () => {
    expect(() => calculateFanInAndFanOut(null as never)).toThrow(
      'calculateFanInAndFanOut: shape must be an array of non-negative integers, but got null.',
    );
    expect(() => calculateFanInAndFanOut([2, Number.NaN])).toThrow(/calculateFanInAndFanOut: shape must contain non-negative integers/);
  });
});
