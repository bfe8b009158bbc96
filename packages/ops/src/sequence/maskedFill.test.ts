import { memory, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { maskedFill } from './maskedFill.js';

beforeAll(useCpu);

describe('maskedFill', () => {
  it('fills where the broadcast mask is true, in input dtype', () => {
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'float32',
    );
    expectTensor(maskedFill(x, tensor([false, true, false]), -1), 'float32', [2, 3], [1, -1, 3, 4, -1, 6]);
    expectTensor(
      maskedFill(x, tensor([[true], [false]]), Number.NEGATIVE_INFINITY),
      'float32',
      [2, 3],
      [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 4, 5, 6],
    );
    expectTensor(maskedFill(tensor([1, 2]), tensor([true, false]), tensor(9, 'float32')), 'int32', [2], [9, 2]);
    x.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const x = tensor([1, 2], 'float32');
    const m = tensor([true, false]);
    const big = tensor([
      [true, false],
      [false, true],
    ]);
    const ints = tensor([1, 0]);
    const before = memory().numTensors;
    expect(() => maskedFill(x, ints, 0)).toThrow('maskedFill: mask must be a bool Tensor, but got int32.');
    expect(() => maskedFill(x, big, 0)).toThrow("maskedFill: mask [2, 2] must broadcast to input's shape [2].");
    expect(() => maskedFill(x, m, '1' as never)).toThrow('maskedFill: value must be a number or a 0-d Tensor, but got string "1".');
    expect(() => maskedFill(x, m, x)).toThrow('maskedFill: value must be a number or a 0-d Tensor, but got a float32 Tensor of shape [2].');
    expect(memory().numTensors).toBe(before);
    for (const t of [x, m, big, ints]) t.dispose();
  });

  it('gradients: to input where the mask is false, to a Tensor value where it is true', () => {
    const mask = tensor([
      [true, false, false],
      [false, true, true],
    ]);
    expect(checkGradients((x, v) => maskedFill(x, mask, v as never), [f64([2, 3]), f64([])])).toEqual([]);
    mask.dispose();
  });
});
