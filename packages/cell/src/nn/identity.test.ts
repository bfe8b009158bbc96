import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.Identity', () => {
  it('returns a new Tensor with the same shape, dtype and values', () => {
    const x = tensor([[1, 2, 3, 4]]);
    const y = new nn.Identity().call(x);
    expect(y).not.toBe(x);
    expect([y.shape, y.dtype, Array.from(y.dataSync())]).toEqual([[1, 4], 'int32', [1, 2, 3, 4]]);
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual([1, 2, 3, 4]); // the input lives on
  });

  it('passes gradients through unchanged', () => {
    const [, grad] = ops.valueAndGrad((x: Tensor) => ops.sum(ops.mul(new nn.Identity().call(x), tensor([2, 3], 'float32'))))(
      tensor([5, 7], 'float32'),
    );
    expect(Array.from(grad.dataSync())).toEqual([2, 3]);
  });

  it('refuses a non-Tensor and prints no arguments', () => {
    expect(() => new nn.Identity().call([1, 2] as never)).toThrow("For 'Identity', the input must be a Tensor, but got Array.");
    expect(String(new nn.Identity())).toBe('Identity()');
  });
});
