import { arange, fromValues, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool2d, maxPool2d } from './pool.js';
import { reshape } from './shape/reshape.js';
import { expectTensor, leakedBy, useCpu } from './test/helpers.js';

beforeAll(useCpu);

const sixteen = () => reshape(arange(16), [1, 1, 4, 4]);
const nine = (sign = 1) =>
  fromValues(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => v * sign),
    [1, 1, 3, 3],
    'float32',
  );

describe('maxPool2d and avgPool2d', () => {
  it('stride defaults to the kernel size', () => {
    expectTensor(maxPool2d(sixteen(), 2), 'int32', [1, 1, 2, 2], [5, 7, 13, 15]);
    expectTensor(avgPool2d(sixteen(), 2), 'float32', [1, 1, 2, 2], [2.5, 4.5, 10.5, 12.5]);
  });

  it('explicit stride and rectangular kernels', () => {
    expectTensor(maxPool2d(nine(), 2, { stride: 1 }), 'float32', [1, 1, 2, 2], [5, 6, 8, 9]);
    expectTensor(avgPool2d(nine(), [1, 3], { stride: [2, 1] }), 'float32', [1, 1, 2, 1], [2, 8]);
  });

  it('padding is never the max and is excluded from averages', () => {
    expectTensor(maxPool2d(nine(-1), 3, { stride: 1, padding: 1 }), 'float32', [1, 1, 3, 3], [-1, -1, -2, -1, -1, -2, -4, -4, -5]);
    expectTensor(avgPool2d(nine(), 3, { stride: 1, padding: 1 }), 'float32', [1, 1, 3, 3], [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7]);
  });

  it("'same' pads the bottom/right first; 'valid' drops the remainder", () => {
    expectTensor(maxPool2d(nine(), 2, { padding: 'same' }), 'float32', [1, 1, 2, 2], [5, 6, 8, 9]);
    expectTensor(avgPool2d(nine(), 2, { padding: 'same' }), 'float32', [1, 1, 2, 2], [3, 4.5, 7.5, 9]);
    expectTensor(maxPool2d(nine(), 2, { padding: 'valid' }), 'float32', [1, 1, 1, 1], [5]);
  });

  it('pools each batch and channel separately', () => {
    const x = fromValues([1, 2, 3, 4, 10, 20, 30, 40, -1, -2, -3, -4, 0, 0, 0, 8], [2, 2, 2, 2], 'float32');
    expectTensor(maxPool2d(x, 2), 'float32', [2, 2, 1, 1], [4, 40, -1, 8]);
    expectTensor(avgPool2d(x, 2), 'float32', [2, 2, 1, 1], [2.5, 25, -2.5, 2]);
  });

  it('dtypes: max keeps ints, avg of ints is float32, float16 is kept', () => {
    expect(maxPool2d(zeros([1, 1, 2, 2], 'int8'), 2).dtype).toBe('int8');
    expect(avgPool2d(zeros([1, 1, 2, 2], 'float16'), 2).dtype).toBe('float16');
    expectTensor(
      avgPool2d(
        tensor([
          [
            [
              [1, 2],
              [3, 5],
            ],
          ],
        ]),
        2,
      ),
      'float32',
      [1, 1, 1, 1],
      [2.75],
    );
  });

  it('errors', () => {
    expect(() => maxPool2d(zeros([4, 4]), 2)).toThrow('maxPool2d: input must be 4-D [N, C, H, W], but got shape [4, 4].');
    expect(() => avgPool2d(zeros([1, 1, 4, 4], 'bool'), 2)).toThrow('avgPool2d: input must be numeric, but got bool.');
    expect(() => maxPool2d(zeros([1, 1, 4, 4]), 3, { padding: 2 })).toThrow(
      'maxPool2d: padding [2, 2, 2, 2] must be at most half the kernel size (3x3) on each side, so that every window sees the input.',
    );
    expect(() => maxPool2d(zeros([1, 1, 2, 2]), 3)).toThrow(
      'maxPool2d: the kernel (3x3) is larger than the padded input (2x2) of shape [1, 1, 2, 2] with padding [0, 0, 0, 0].',
    );
    expect(() => avgPool2d(zeros([1, 1, 4, 4]), 0)).toThrow(
      'avgPool2d: kernelSize must be an integer >= 1 or a pair of them, but got number 0.',
    );
    expect(() => avgPool2d(zeros([1, 1, 4, 4]), 2, { stride: [1] as never })).toThrow(
      'avgPool2d: stride must be an integer >= 1 or a pair of them, but got [1].',
    );
    expect(() => maxPool2d('x' as never, 2)).toThrow('maxPool2d: input must be a Tensor, but got string "x".');
  });

  it('leaves no temporaries', () => {
    const x = sixteen();
    expect(leakedBy(() => avgPool2d(x, 2))).toBe(0);
    expect(leakedBy(() => maxPool2d(x, 2, { padding: 'same', stride: 3 }))).toBe(0);
    x.dispose();
  });
});
