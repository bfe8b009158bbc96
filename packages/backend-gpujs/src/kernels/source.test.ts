import { describe, expect, it } from 'vitest';
import { elementReads } from './source.js';

describe('elementReads', () => {
  it('reads same-shape inputs at the fragment and scalars at texel (0, 0) on WebGL2, with no coordinates', () => {
    const r = elementReads(['a', 'b'], [[64, 256], []], [64, 256], 'this.thread.x', true);
    expect(r.read).toEqual(['same_a()', 'one_b()']);
    expect(r.prelude).toBe('');
    expect(r.natives.map((n) => n.source)).toEqual([
      'float same_a() { return texelFetch(user_a, ivec2(gl_FragCoord.xy), 0).r; }',
      'float one_b() { return texelFetch(user_b, ivec2(0, 0), 0).r; }',
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
});
