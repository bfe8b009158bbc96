import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

describe('BroadcastTo', () => {
  it('repeats along new and size-1 axes', () => {
    expect(vals(runKernel('BroadcastTo', [t([1, 2, 3], [3], 'int32')], { shape: [2, 3] }))).toEqual([1, 2, 3, 1, 2, 3]);
    expect(vals(runKernel('BroadcastTo', [t([1, 2], [2, 1], 'int32')], { shape: [2, 3] }))).toEqual([1, 1, 1, 2, 2, 2]);
    const y = runKernel('BroadcastTo', [t([1, 2], [1, 2, 1])], { shape: [2, 2, 2] });
    expect(vals(y)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    expect(vals(runKernel('BroadcastTo', [t([7], [])], { shape: [2, 2] }))).toEqual([7, 7, 7, 7]);
    expect(vals(runKernel('BroadcastTo', [t([1, 2, 3], [3])], { shape: [3] }))).toEqual([1, 2, 3]);
  });

  it('broadcasts to empty shapes and keeps dtypes', () => {
    expect(runKernel('BroadcastTo', [t([1], [1])], { shape: [0, 3] }).shape).toEqual([0, 3]);
    const h = runKernel('BroadcastTo', [t([0.1], [1], 'float16')], { shape: [2] });
    expect(h.dtype).toBe('float16');
    expect(vals(h)).toEqual([0.0999755859375, 0.0999755859375]);
  });

  it('rejects shapes it cannot broadcast to', () => {
    expect(() => runKernel('BroadcastTo', [t([1, 2, 3], [3])], { shape: [2, 2] })).toThrow(
      /BroadcastTo: x of shape \[3\] cannot be broadcast to \[2, 2\] \(dimension 1: 3 vs 2\)/,
    );
    expect(() => runKernel('BroadcastTo', [t([1, 2], [1, 2])], { shape: [2] })).toThrow(/has more dimensions than the target shape \[2\]/);
  });
});
