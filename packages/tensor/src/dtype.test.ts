import { describe, expect, it } from 'vitest';
import { assertDType, bytesPerElement, DTYPES, dtypeDisplayName, isFloat, isInt, makeArray, makeValues, promoteTypes } from './dtype.js';

describe('dtype', () => {
  it('promotes in MindSpore order', () => {
    expect(promoteTypes('bool', 'int8')).toBe('int8');
    expect(promoteTypes('int8', 'uint8')).toBe('uint8');
    expect(promoteTypes('int32', 'int64')).toBe('int64');
    expect(promoteTypes('int64', 'float16')).toBe('float16');
    expect(promoteTypes('float32', 'float16')).toBe('float32');
    expect(promoteTypes('float64', 'float32')).toBe('float64');
    expect(promoteTypes('int32', 'int32')).toBe('int32');
    // The order is total: every pair promotes to the later one.
    for (let i = 0; i < DTYPES.length; i++) {
      for (let j = 0; j < DTYPES.length; j++) {
        expect(promoteTypes(DTYPES[i]!, DTYPES[j]!)).toBe(DTYPES[Math.max(i, j)]);
      }
    }
  });

  it('names, sizes and kinds', () => {
    expect(dtypeDisplayName('float32')).toBe('Float32');
    expect(dtypeDisplayName('uint8')).toBe('UInt8');
    expect(dtypeDisplayName('bool')).toBe('Bool');
    expect(bytesPerElement('float16')).toBe(2);
    expect(bytesPerElement('int64')).toBe(8);
    expect(isFloat('float16')).toBe(true);
    expect(isFloat('int32')).toBe(false);
    expect(isInt('uint8')).toBe(true);
    expect(isInt('bool')).toBe(false);
  });

  it('makes storage and compute arrays', () => {
    expect(makeArray('float16', 2)).toBeInstanceOf(Uint16Array);
    expect(makeValues('float16', 2)).toBeInstanceOf(Float32Array);
    expect(makeValues('bool', 2)).toBeInstanceOf(Uint8Array);
    expect(makeValues('int8', 2)).toBeInstanceOf(Int8Array);
    expect(makeValues('int64', 2)).toBeInstanceOf(Float64Array);
  });

  it('rejects unknown dtypes with the valid list', () => {
    expect(() => assertDType('float', 'dtype')).toThrow(/dtype must be one of bool, int8.*float64, but got "float"/);
  });
});
