import { describe, expect, it } from 'vitest';
import { elementReads, kernelArguments } from './source.js';

describe('elementReads', () => {
  it('reads same-shape inputs at the fragment and scalars at texel (0, 0) on WebGL2, with no coordinates', () => {
    const r = elementReads(['a', 'b'], [[64, 256], []], [64, 256], 'this.thread.x', true);
    expect(r.read).toEqual(['same_a()', 'one_b()']);
    expect(r.prelude).toBe('');
    expect(r.natives.map((n) => n.source)).toEqual([
      'float same_a() {\n  return texelFetch(user_a, ivec2(gl_FragCoord.xy), 0).r;\n}',
      'float one_b() {\n  return texelFetch(user_b, ivec2(0, 0), 0).r;\n}',
    ]);
  });

  it('computes the output coordinates only when an input broadcasts along an axis', () => {
    const bias = elementReads(['a', 'b'], [[4, 3], [3]], [4, 3], 'this.thread.x', true);
    expect(bias.read).toEqual(['same_a()', 'b[c1]']);
    expect(bias.prelude).toContain('let c1 = cr;');
    const scalar = elementReads(
      ['a', 'b'],
      [
        [4, 3],
        [1, 1],
      ],
      [4, 3],
      'this.thread.x',
      false,
    );
    expect(scalar.read).toEqual(['a[c0 * 3.0 + c1]', 'b[0.0]']);
    expect(scalar.prelude).toContain('this.thread.x');
    expect(elementReads(['b'], [[1]], [1], 'this.thread.x', false)).toEqual({ prelude: '', read: ['b[0.0]'], natives: [] });
  });

  it('reads a blocked input in the part holding the fragment row, as four arguments', () => {
    const r = elementReads(
      ['t0', 't1'],
      [
        [8, 12],
        [8, 12],
      ],
      [8, 12],
      'this.thread.x',
      true,
      [false, true],
    );
    expect(r.read).toEqual(['same_t0()', 'blk_t1()']);
    expect(r.prelude).toBe('');
    const blk = r.natives.find((n) => n.name === 'blk_t1')?.source ?? '';
    expect(blk).toContain('user_t1p3');
    expect(blk).toContain('[j & 3]');
    expect(kernelArguments(['t0', 't1'], [false, true])).toEqual(['t0', 't1p0', 't1p1', 't1p2', 't1p3']);
    expect(() => elementReads(['a'], [[12]], [8, 12], 'this.thread.x', true, [true])).toThrow('a blocked input must have the output');
  });
});
