import { describe, expect, it } from 'vitest';
import { erf, erfc } from './erf.js';

// Reference values from CPython's math.erf / math.erfc (correctly rounded libm).
const XS = [
  -40.5, -10, -6, -5.5, -3, -2.5, -2, -1.5, -1, -0.5, -1e-5, 0, 1e-8, 0.3, 0.5, 0.9, 1, 1.7, 2, 2.4999, 2.5, 3, 3.5, 4, 5, 5.9, 6, 10,
];
const ERF = [
  -1.0, -1.0, -1.0, -0.9999999999999927, -0.9999779095030014, -0.999593047982555, -0.9953222650189527, -0.9661051464753108,
  -0.8427007929497149, -0.5204998778130465, -1.1283791670579e-5, 0.0, 1.1283791670955126e-8, 0.3286267594591274, 0.5204998778130465,
  0.7969082124228322, 0.8427007929497149, 0.9837904585907745, 0.9953222650189527, 0.9995928300996666, 0.999593047982555, 0.9999779095030014,
  0.9999992569016276, 0.9999999845827421, 0.9999999999984626, 0.9999999999999999, 1.0, 1.0,
];
const ERFC = [
  2.0, 2.0, 2.0, 1.9999999999999927, 1.9999779095030015, 1.999593047982555, 1.9953222650189528, 1.9661051464753108, 1.842700792949715,
  1.5204998778130465, 1.0000112837916706, 1.0, 0.9999999887162083, 0.6713732405408726, 0.4795001221869535, 0.20309178757716786,
  0.15729920705028513, 0.016209541409225436, 0.004677734981047265, 0.0004071699003334514, 0.0004069520174449589, 2.2090496998585438e-5,
  7.430983723414128e-7, 1.541725790028002e-8, 1.5374597944280351e-12, 7.190409783550478e-17, 2.1519736712498916e-17, 2.088487583762545e-45,
];

describe('erf', () => {
  it('matches libm to 1e-14 relative everywhere', () => {
    XS.forEach((x, i) => {
      const want = ERF[i]!;
      expect(Math.abs(erf(x) - want), `erf(${x})`).toBeLessThanOrEqual(1e-14 * Math.abs(want) + 1e-300);
    });
  });

  it('is odd, saturates and passes NaN through', () => {
    for (const x of [0.1, 0.7, 1.3, 2.2, 3.3, 4.4]) expect(erf(-x)).toBe(-erf(x));
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erf(Number.NaN)).toBeNaN();
  });
});

describe('erfc', () => {
  it('matches libm to 1e-13 relative, including the far tail', () => {
    XS.forEach((x, i) => {
      const want = ERFC[i]!;
      expect(Math.abs(erfc(x) - want), `erfc(${x})`).toBeLessThanOrEqual(1e-13 * Math.abs(want));
    });
  });

  it('handles infinities, underflow and NaN', () => {
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});
