/**
 * A Householder QR for the Orthogonal initializer, in float64.
 */

/**
 * The reduced Q factor (m×n, row-major) of a row-major m×n matrix `a` with m >= n, with each column
 * multiplied by the sign of R's diagonal, as MindSpore's Orthogonal does after `np.linalg.qr`.
 * That correction makes Q unique (it is the Q whose R has a non-negative diagonal), so it does
 * not depend on how the factorisation was computed.
 * @example
 * orthonormalColumns(Float64Array.of(3, 1, 4, 1, 5, 9), 3, 2); // 3×2, QᵀQ = I
 */
export function orthonormalColumns(a: ArrayLike<number>, m: number, n: number): Float64Array {
  if (m < n) throw new RangeError(`orthonormalColumns needs rows >= columns, but got ${m}×${n}.`);
  const r = Float64Array.from(a as ArrayLike<number>);
  const reflectors: (Float64Array | undefined)[] = [];
  const rDiag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += (r[i * n + k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) {
      reflectors.push(undefined);
      continue;
    }
    // Reflect x onto alpha·e1 with alpha of the opposite sign to x0, so v = x - alpha·e1 never cancels.
    const x0 = r[k * n + k] as number;
    const alpha = x0 > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k] as number;
    v[0] = x0 - alpha;
    reflect(r, v, k, n, k);
    rDiag[k] = alpha;
    reflectors.push(v);
  }
  // Q = H0·H1·…·H(n-1) applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k];
    if (v) reflect(q, v, k, n, 0);
  }
  // np.sign(0) would zero a column; a zero diagonal (a rank-deficient draw) keeps its sign instead.
  for (let j = 0; j < n; j++) {
    if ((rDiag[j] as number) < 0) for (let i = 0; i < m; i++) q[i * n + j] = -(q[i * n + j] as number);
  }
  return q;
}

/** Applies H = I - 2vvᵀ/(vᵀv) to rows k… and columns from `fromCol` of the row-major matrix `x` (n columns). */
function reflect(x: Float64Array, v: Float64Array, k: number, n: number, fromCol: number): void {
  let vv = 0;
  for (const e of v) vv += e * e;
  if (vv === 0) return;
  for (let j = fromCol; j < n; j++) {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (v[i] as number) * (x[(k + i) * n + j] as number);
    const f = (2 * s) / vv;
    for (let i = 0; i < v.length; i++) x[(k + i) * n + j] = (x[(k + i) * n + j] as number) - f * (v[i] as number);
  }
}
