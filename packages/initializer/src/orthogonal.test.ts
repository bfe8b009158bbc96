import { cpu } from '@mindts/backend-cpu';
import { registerBackend, setSeed } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { initializer } from './initializer.js';
import { Orthogonal } from './orthogonal.js';
import { orthonormalColumns } from './qr.js';

beforeAll(() => {
  registerBackend(cpu());
  setSeed(7);
});

/** Max |AᵀA - g²I| over the columns of the row-major m×n matrix `a` (or its rows if `rows`). */
function gramError(a: ArrayLike<number>, m: number, n: number, g = 1, rows = false): number {
  const at = (i: number, j: number) => (rows ? (a[j * n + i] as number) : (a[i * n + j] as number));
  const [len, count] = rows ? [n, m] : [m, n];
  let worst = 0;
  for (let p = 0; p < count; p++) {
    for (let q = 0; q < count; q++) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += at(i, p) * at(i, q);
      worst = Math.max(worst, Math.abs(dot - (p === q ? g * g : 0)));
    }
  }
  return worst;
}

describe('orthonormalColumns', () => {
  it('matches NumPy’s sign-corrected Q for a fixed matrix', () => {
    // numpy: q, r = np.linalg.qr([[3, 1], [4, 1], [5, 9]]); q *= np.sign(np.diag(r))
    const want = [
      0.4242640687119288, -0.39421824175196896, 0.5656854249492381, -0.5876083226114254, 0.7071067811865477, 0.7066176031403216,
    ];
    const q = orthonormalColumns([3, 1, 4, 1, 5, 9], 3, 2);
    for (let i = 0; i < want.length; i++) expect(q[i]).toBeCloseTo(want[i] as number, 14);
  });

  it('gives QᵀA upper triangular with a non-negative diagonal (the unique sign-corrected Q)', () => {
    const [m, n] = [7, 4];
    const a = Array.from({ length: m * n }, (_, i) => Math.sin(i * 1.7 + 0.3) * 3 - (i % 3));
    const q = orthonormalColumns(a, m, n);
    expect(gramError(q, m, n)).toBeLessThan(1e-13);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += (q[i * n + r] as number) * (a[i * n + c] as number);
        if (c < r) expect(Math.abs(dot)).toBeLessThan(1e-12);
        if (c === r) expect(dot).toBeGreaterThan(0);
      }
    }
  });
});

describe('Orthogonal', () => {
  it('has orthonormal columns for a tall shape', async () => {
    const v = await initializer('orthogonal', [64, 16], 'float64').data();
    expect(gramError(v, 64, 16)).toBeLessThan(1e-12);
  });

  it('has orthonormal rows for a wide shape, trailing dimensions flattened', async () => {
    const v = await initializer('orthogonal', [6, 4, 3, 3], 'float64').data();
    expect(gramError(v, 6, 36, 1, true)).toBeLessThan(1e-12);
  });

  it('is orthogonal both ways for a square shape, scaled by gain', async () => {
    const v = await initializer(new Orthogonal({ gain: 2 }), [32, 32], 'float64').data();
    expect(gramError(v, 32, 32, 2)).toBeLessThan(1e-11);
    expect(gramError(v, 32, 32, 2, true)).toBeLessThan(1e-11);
  });

  it('holds to float32 precision in float32', async () => {
    const v = await initializer('orthogonal', [40, 20]).data();
    expect(gramError(v, 40, 20)).toBeLessThan(1e-5);
  });

  it('needs at least 2 dimensions', () => {
    expect(() => initializer('orthogonal', [8])).toThrow(
      'For Orthogonal initializer, the dimension of the initialized tensor should be no less than 2, but got 1.',
    );
  });
});
