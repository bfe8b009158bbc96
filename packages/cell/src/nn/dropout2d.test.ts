import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, memory, ones, registerBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);
/** The [n, c] planes of an [N, C, H, W] result, each as its list of values. */
const planes = (t: Tensor) => {
  const v = values(t);
  const size = (t.shape[2] as number) * (t.shape[3] as number);
  return Array.from({ length: v.length / size }, (_, i) => v.slice(i * size, (i + 1) * size));
};

describe('nn.Dropout2d', () => {
  it('is the identity in inference mode (the default) and with p = 0', () => {
    const x = ones([1, 2, 2, 2]);
    const drop = new nn.Dropout2d();
    expect(drop.training).toBe(false);
    expect(drop.call(x)).toBe(x);
    expect(new nn.Dropout2d({ p: 0 }).setTrain().call(x)).toBe(x);
    const flat = ones([2, 3]); // the shape is checked only when dropping, as MindSpore
    expect(drop.call(flat)).toBe(flat);
  });

  it('zeroes whole channels and scales the others by 1/(1 − p) in training mode', () => {
    setSeed(5);
    const drop = new nn.Dropout2d({ p: 0.25 }).setTrain();
    const x = ops.add(
      ops.reshape(
        tensor(
          Array.from({ length: 8 * 16 * 3 * 3 }, (_, i) => i % 7),
          'float32',
        ),
        [8, 16, 3, 3],
      ),
      1,
    );
    const y = drop.call(x);
    const ins = planes(x);
    const outs = planes(y);
    let dropped = 0;
    outs.forEach((plane, k) => {
      const zero = plane.every((v) => v === 0);
      if (zero) dropped++;
      else for (const [j, v] of plane.entries()) expect(v).toBeCloseTo((ins[k]![j] as number) / 0.75, 5);
    });
    // 128 channels, p = 0.25: about 32 dropped.
    expect(dropped).toBeGreaterThan(16);
    expect(dropped).toBeLessThan(48);
  });

  it('draws from the seeded global stream: the same seed gives the same mask', () => {
    const drop = new nn.Dropout2d().setTrain();
    setSeed(11);
    const a = values(drop.call(ones([4, 8, 1, 2])));
    const b = values(drop.call(ones([4, 8, 1, 2])));
    setSeed(11);
    expect(values(drop.call(ones([4, 8, 1, 2])))).toEqual(a);
    expect(b).not.toEqual(a);
  });

  it('zeroes everything with p = 1, and its gradient is the mask', () => {
    expect(values(new nn.Dropout2d({ p: 1 }).setTrain().call(ones([1, 2, 1, 2])))).toEqual([0, 0, 0, 0]);
    setSeed(3);
    const drop = new nn.Dropout2d().setTrain();
    let mask: number[] = [];
    const [, grad] = ops.valueAndGrad((x: Tensor) => {
      const out = drop.call(x);
      mask = values(out); // y = mask for x = 1
      return ops.sum(out);
    })(ones([2, 4, 2, 2]));
    expect(values(grad)).toEqual(mask); // d(sum(x·mask))/dx = mask
    expect(mask.some((v) => v === 0) && mask.some((v) => v === 2)).toBe(true);
  });

  it('does not grow memory per call', () => {
    const drop = new nn.Dropout2d().setTrain();
    const x = ones([2, 3, 2, 2]);
    drop.call(x).dispose();
    const before = memory().numTensors;
    drop.call(x).dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("refuses bad p and inputs with MindSpore's messages, and prints p", () => {
    expect(() => new nn.Dropout2d({ p: 1.5 })).toThrow("For 'Dropout2d', the 'p' must be a number in range [0, 1], but got 1.5.");
    expect(() => new nn.Dropout2d({ p: '0.5' as never })).toThrow("For 'Dropout2d', the 'p' must be float, but got string.");
    expect(() => new nn.Dropout2d({ keepProb: 0.5 } as never)).toThrow("unknown option 'keepProb' for Dropout2d");
    const drop = new nn.Dropout2d().setTrain();
    expect(() => drop.call(ones([2, 3]))).toThrow("For 'Dropout2d', the input must be a 4-D Tensor (N, C, H, W), but got shape [2, 3].");
    expect(() => drop.call(tensor([[[[1]]]]))).toThrow("For 'Dropout2d', the dtype of the input must be a float type, but got int32.");
    expect(String(new nn.Dropout2d())).toBe('Dropout2d(p=0.5)');
    expect(new nn.Dropout2d({ p: 0.2 }).keepProb).toBeCloseTo(0.8);
  });
});
