import { describe, expect, it } from 'vitest';
import { broadcastStrides } from './broadcastIndex.js';
import { forEachRow, planStrided } from './stridedLoop.js';

function rows(shape: number[], strides: number[][], bases: number[]) {
  const plan = planStrided(shape, strides);
  const out: number[][] = [];
  forEachRow(plan, bases, (o) => out.push([...o]));
  return { plan, out };
}

describe('planStrided / forEachRow', () => {
  it('collapses contiguous axes into one row', () => {
    const { plan, out } = rows([2, 3, 4], [[12, 4, 1]], [0]);
    expect(plan).toEqual({ shape: [24], strides: [[1]] });
    expect(out).toEqual([[0]]);
  });

  it('drops size-1 axes and keeps broadcast (stride 0) axes apart', () => {
    const { plan, out } = rows(
      [2, 1, 3],
      [
        [3, 3, 1],
        [0, 0, 1],
      ],
      [5, 0],
    );
    expect(plan.shape).toEqual([2, 3]);
    expect(out).toEqual([
      [5, 0],
      [8, 0],
    ]);
  });

  it('walks a transposed view row by row', () => {
    const { out, plan } = rows([3, 2], [[1, 3]], [0]);
    expect(plan.strides).toEqual([[1, 3]]);
    expect(out).toEqual([[0], [1], [2]]);
  });

  it('visits nothing for an empty space and one row for a scalar', () => {
    expect(rows([2, 0, 3], [[0, 3, 1]], [0]).out).toEqual([]);
    expect(rows([], [[]], [7])).toEqual({ plan: { shape: [1], strides: [[0]] }, out: [[7]] });
  });

  it('broadcastStrides gives zero strides on repeated axes and names the bad dimension', () => {
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([], [2])).toEqual([0]);
    expect(() => broadcastStrides([3], [4], 'a')).toThrow('a of shape [3] cannot be broadcast to [4] (dimension 0: 3 vs 4).');
  });
});
