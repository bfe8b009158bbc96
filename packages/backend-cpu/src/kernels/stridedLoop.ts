/**
 * Row-at-a-time iteration over an n-d index space where each operand has its own strides
 * (broadcast inputs have stride 0, a transposed input permuted strides, a strided slice scaled
 * ones). Kernels get the base offsets of each innermost row and run a tight loop over it, so
 * the index arithmetic costs one odometer step per row, not per element.
 */

/** An index space of `shape` and, per operand, the element stride along each axis. */
export interface StridedPlan {
  /** The collapsed shape (rank ≥ 1). */
  readonly shape: readonly number[];
  /** Per operand, its stride along each collapsed axis. */
  readonly strides: readonly (readonly number[])[];
}

/**
 * Merges adjacent axes that every operand walks contiguously and drops axes of size 1, so the
 * innermost row is as long as possible.
 * @example
 * planStrided([2, 3], [[3, 1]]); // { shape: [6], strides: [[1]] }
 */
export function planStrided(shape: readonly number[], strides: readonly (readonly number[])[]): StridedPlan {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d]!;
    if (n === 1) continue;
    const last = outShape.length - 1;
    // Axis d merges into the previous kept axis when, for every operand, stepping the previous
    // axis once equals stepping axis d n times.
    if (last >= 0 && strides.every((s, j) => outStrides[j]![last] === s[d]! * n)) {
      outShape[last] = outShape[last]! * n;
      for (let j = 0; j < strides.length; j++) outStrides[j]![last] = strides[j]![d]!;
      continue;
    }
    outShape.push(n);
    for (let j = 0; j < strides.length; j++) outStrides[j]!.push(strides[j]![d]!);
  }
  if (outShape.length === 0 || shape.some((d) => d === 0)) {
    const size = shape.some((d) => d === 0) ? 0 : 1;
    return { shape: [size], strides: strides.map(() => [0]) };
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `row(offsets)` once per innermost row of `plan`, where `offsets[j]` is operand j's
 * element offset at the row's start (from `bases[j]`). The row has `plan.shape.at(-1)` elements
 * and operand j advances by `plan.strides[j].at(-1)` along it. `row` must not modify `offsets`.
 * @example
 * const plan = planStrided([2, 2], [[1, 2]]); // a transposed 2×2
 * forEachRow(plan, [0], (o) => console.log(o[0])); // 0, then 1
 */
export function forEachRow(plan: StridedPlan, bases: readonly number[], row: (offsets: readonly number[]) => void): void {
  const { shape, strides } = plan;
  const rank = shape.length;
  if (shape[rank - 1] === 0) return;
  const k = strides.length;
  const offsets = bases.slice();
  const idx = new Array<number>(rank).fill(0);
  for (;;) {
    row(offsets);
    let d = rank - 2;
    for (; d >= 0; d--) {
      const n = shape[d]!;
      idx[d]!++;
      if (idx[d]! < n) {
        for (let j = 0; j < k; j++) offsets[j]! += strides[j]![d]!;
        break;
      }
      idx[d] = 0;
      for (let j = 0; j < k; j++) offsets[j]! -= strides[j]![d]! * (n - 1);
    }
    if (d < 0) return;
  }
}
