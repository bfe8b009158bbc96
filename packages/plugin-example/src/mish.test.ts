import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { mish, mishValue, registerPluginExample } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
  registerPluginExample();
});

// Hand-computed: tanh(log u) = (u² − 1)/(u² + 1), so mish(x) = x·((1 + eˣ)² − 1)/((1 + eˣ)² + 1),
// evaluated to 30 digits (mpmath) and rounded to the nearest double; mish(−20) ≈ −20·e^(−20) from that form.
const EXACT: [number, number][] = [
  [-20, -4.122307240628761e-8],
  [-5, -0.033576237730161704],
  [-1, -0.3034014613741089],
  [-0.5, -0.22074377465173],
  [0, 0],
  [0.5, 0.3752452113048951],
  [1, 0.8650983882673103],
  [2, 1.9439589595339946],
  [5, 4.999552077529406],
  [20, 20],
];

const INPUTS = EXACT.map(([x]) => x);
const values = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('mish forward on the CPU backend', () => {
  it('matches hand-computed values in float64 to 1e-15 relative', () => {
    const y = mish(tensor(INPUTS, 'float64'));
    expect(y.dtype).toBe('float64');
    values(y).forEach((v, i) => {
      const want = (EXACT[i] as [number, number])[1];
      expect(Math.abs(v - want)).toBeLessThanOrEqual(1e-15 * Math.abs(want) + 1e-300);
    });
  });

  it('rounds the float64 result to float32 for float32 inputs', () => {
    const y = mish(tensor(INPUTS, 'float32'));
    expect(y.dtype).toBe('float32');
    expect(values(y)).toEqual(EXACT.map(([, v]) => Math.fround(v)));
  });

  it('keeps NaN, maps +∞ to +∞ and −∞ to −0 (the limit, not −∞·0)', () => {
    const y = values(mish(tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -800], 'float64')));
    expect(y[0]).toBeNaN();
    expect(y[1]).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(y[2], -0)).toBe(true);
    expect(Object.is(y[3], -0)).toBe(true);
    expect(mishValue(Number.NEGATIVE_INFINITY)).toBe(-0);
  });

  it('keeps the shape: scalars, higher ranks and empty tensors', () => {
    expect(mish(tensor(1, 'float32')).shape).toEqual([]);
    const y = mish(tensor(new Float32Array(24).fill(1), 'float32', [2, 3, 4]));
    expect(y.shape).toEqual([2, 3, 4]);
    expect(new Set(values(y))).toEqual(new Set([Math.fround(0.8650983882673103)]));
    expect(mish(tensor([], 'float32', [0, 3])).shape).toEqual([0, 3]);
  });
});

describe('mish dtype rules', () => {
  it('keeps float16 and float64, computes int32 and bool in float32', () => {
    expect(mish(tensor([1], 'float16')).dtype).toBe('float16');
    expect(mish(tensor([1], 'float64')).dtype).toBe('float64');
    const fromInt = mish(tensor([-1, 2], 'int32'));
    expect(fromInt.dtype).toBe('float32');
    expect(values(fromInt)).toEqual([Math.fround(-0.3034014613741089), Math.fround(1.9439589595339946)]);
    const fromBool = mish(tensor([true, false], 'bool'));
    expect(fromBool.dtype).toBe('float32');
    expect(values(fromBool)).toEqual([Math.fround(0.8650983882673103), 0]);
  });

  it('float16 results are the float64 ones rounded to float16', () => {
    // mish(1) = 0.86509…; float16 spacing in [0.5, 1) is 2^-11, so it stores 1772/2048.
    expect(values(mish(tensor([1], 'float16')))).toEqual([1772 / 2048]);
  });
});

describe('mish errors', () => {
  it('names the argument and what it got', () => {
    expect(() => mish([1, 2] as unknown as Tensor)).toThrow('mish: input must be a Tensor, but got an array of length 2.');
    expect(() => mish(3 as unknown as Tensor)).toThrow('mish: input must be a Tensor, but got number 3.');
  });

  it('refuses a disposed input', () => {
    const x = tensor([1], 'float32');
    x.dispose();
    expect(() => mish(x)).toThrow(/disposed/);
  });

  it('the kernel itself refuses what the op would have cast, on every path', () => {
    const x = tensor([1, 2], 'int32');
    expect(() => runKernel('Mish', [x], {})).toThrow(
      "Mish: the input must be float16, float32 or float64, but got int32; ops 'mish' casts it first.",
    );
  });

  it('says how to register the kernel on a backend that lacks it', async () => {
    registerBackend(cpu({ name: 'cpu-bare', priority: 0 }));
    await setBackend('cpu-bare');
    try {
      expect(() => mish(tensor([1], 'float32'))).toThrow(
        "mish: the 'Mish' kernel is not registered for backend 'cpu-bare'; call registerPluginExample() (with this backend's name) first.",
      );
      registerPluginExample({ cpu: ['cpu-bare'] });
      expect(values(mish(tensor([1], 'float32')))).toEqual([Math.fround(0.8650983882673103)]);
    } finally {
      await setBackend('cpu');
    }
  });
});
