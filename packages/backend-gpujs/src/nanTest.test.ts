import { describe, expect, it } from 'vitest';
import { isFiniteFlag, isNaNFlag } from './kernels/source.js';

/**
 * The NaN tests the kernels share, run as JavaScript under what shader compilers do to them:
 * each compiler below folds some tests away, and the flag must still be right on every value.
 * (On a real GPU the conformance suite checks the same through the device check; CI has none.)
 */
type Compiler = {
  readonly name: string;
  fold(source: string): string;
  max(a: number, b: number): number;
  min(a: number, b: number): number;
};

/** IEEE 754-2008 maxNum/minNum: the other operand when one is NaN (NVIDIA's FMNMX). */
const maxNum = (a: number, b: number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));
const minNum = (a: number, b: number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));

const foldSelfDifference = (s: string) => s.replace(/(\w+) - \1 == 0\.0/g, 'true');
const foldSelfInequality = (s: string) => s.replace(/(\w+) != \1/g, 'false');

const COMPILERS: readonly Compiler[] = [
  { name: 'IEEE (no folding)', fold: (s) => s, max: Math.max, min: Math.min },
  { name: 'folds x − x to 0 (ANGLE on llvmpipe)', fold: foldSelfDifference, max: Math.max, min: Math.min },
  { name: 'folds x != x to false', fold: foldSelfInequality, max: Math.max, min: Math.min },
  {
    name: 'folds both, min/max return the number (NVIDIA Vulkan)',
    fold: (s) => foldSelfInequality(foldSelfDifference(s)),
    max: maxNum,
    min: minNum,
  },
];

/** `statements` (kernel-source JavaScript) evaluated on `x` as `compiler` leaves them; returns `flag`. */
function evaluate(statements: string, flag: string, x: number, compiler: Compiler): number {
  const body = compiler
    .fold(statements)
    .replace(/Math\.max/g, 'max')
    .replace(/Math\.min/g, 'min');
  return new Function('v', 'max', 'min', `${body}\nreturn ${flag};`)(x, compiler.max, compiler.min) as number;
}

const VALUES = [0, -0, 1, -2.5, 3.4e38, -3.4e38, 3.4028234663852886e38, -3.4028234663852886e38, 1e-45, Infinity, -Infinity, NaN];

describe('the NaN and finiteness tests inside kernels', () => {
  for (const compiler of COMPILERS) {
    it(`isNaNFlag is right on every value when the compiler ${compiler.name}`, () => {
      const got = VALUES.map((x) => evaluate(isNaNFlag('v', 'nan'), 'nan', x, compiler));
      expect(got).toEqual(VALUES.map((x) => (Number.isNaN(x) ? 1 : 0)));
    });
    it(`isFiniteFlag is right on every value when the compiler ${compiler.name}`, () => {
      const got = VALUES.map((x) => evaluate(isFiniteFlag('v', 'fin'), 'fin', x, compiler));
      expect(got).toEqual(VALUES.map((x) => (Number.isFinite(x) ? 1 : 0)));
    });
  }

  it('the folds above reach the tests they stand for (so the compilers differ)', () => {
    const source = isNaNFlag('v', 'nan');
    expect(foldSelfDifference(source)).not.toBe(source);
    expect(foldSelfInequality(source)).not.toBe(source);
  });
});
