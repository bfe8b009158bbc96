import { describe, expect, it } from 'vitest';
import { walkthrough } from './walkthrough.js';

describe('example walkthrough', () => {
  it('prints every step with the computed values', () => {
    const lines: string[] = [];
    walkthrough((l) => lines.push(l));
    const out = lines.join('\n');
    for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(out).toContain(`== ${n}.`);
    expect(out).toContain('shape=[2, 3] dtype=float32 size=6 rank=2 backend=cpu');
    expect(out).toContain('tensor([1, 2, 3]) infers int32; tensor(2.5) infers float32');
    expect(out).toContain('ops.sum(x) = Tensor(shape=[], dtype=Float32, value= 21)');
    expect(out).toContain('ops.argmax(x, 1) = Tensor(shape=[2], dtype=Int32, value= [2, 2])');
    expect(out).toContain('[[ 1.40000000e+01,  3.20000000e+01],\n [ 3.20000000e+01,  7.70000000e+01]]');
    // conv with [[1, 0], [0, -1]] on arange(16) as 4x4: x[i][j] - x[i+1][j+1] = -5 everywhere.
    expect(out).toContain('conv2d(4x4 image, 2x2 kernel) = Tensor(shape=[1, 1, 3, 3], dtype=Float32');
    expect(out).toMatch(/-5\.00000000e\+00, -5\.00000000e\+00, -5\.00000000e\+00\]\]\]\]/);
    expect(out).toContain(
      'ops.assign(w, tensor([7, 8, 9])) -> Tensor(shape=[3], dtype=Float32, value= [ 7.00000000e+00,  8.00000000e+00,  9.00000000e+00])',
    );
    expect(out).toContain(
      'ops.assignAdd(w, 1) -> Tensor(shape=[3], dtype=Float32, value= [ 8.00000000e+00,  9.00000000e+00,  1.00000000e+01])',
    );
    // Only the returned sum survives tidy().
    const m = out.match(/= Tensor\(shape=\[\], dtype=Float32, value= 17.5\); live tensors: (\d+) -> (\d+)\n/);
    expect(m).not.toBeNull();
    expect(Number(m?.[2])).toBe(Number(m?.[1]) + 1);
  });
});
