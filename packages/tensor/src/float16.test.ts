import { describe, expect, it } from 'vitest';
import { decodeFloat16, encodeFloat16, float16Bits, float16Value } from './float16.js';

describe('float16', () => {
  it('encodes known values', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(1e6)).toBe(0x7c00);
    expect(float16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(2 ** -24)).toBe(1); // smallest subnormal
    expect(float16Bits(0)).toBe(0);
  });

  it('rounds to nearest even', () => {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1).
    expect(float16Value(float16Bits(1 + 2 ** -11))).toBe(1);
    // 1 + 3·2^-11 is halfway between 1 + 2^-10 and 1 + 2^-9: ties to even (1 + 2^-9).
    expect(float16Value(float16Bits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(float16Value(float16Bits(0.1))).toBeCloseTo(0.0999755859375, 12);
  });

  it('round-trips every finite half value', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const exp = (bits >>> 10) & 0x1f;
      if (exp === 0x1f) continue;
      expect(float16Bits(float16Value(bits))).toBe(bits);
    }
  });

  it('encodes and decodes arrays', () => {
    const back = decodeFloat16(encodeFloat16([0.5, -3, 1024]));
    expect(Array.from(back)).toEqual([0.5, -3, 1024]);
    expect(float16Value(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(float16Value(0x7e00)).toBeNaN();
  });
});
