/**
 * `vmap` (MindSpore `mindspore.vmap`): maps a function over an axis of its inputs. It runs `fn`
 * once per slice and stacks the results, which works for any function (nested `vmap`, gradients,
 * Cells) at the cost of one call per slice; the first call of each mapped function reports that
 * strategy as a `fallback` engine event (`primitive: 'vmap'`, `to: 'loop'`).
 */
import { getBackendName, Tensor, tidy } from '@mindts/tensor';
import { emit } from '@mindts/tensor/backend';
import { describe } from '../operand.js';
import { stack } from '../shape/concat.js';
import { squeeze } from '../shape/expandDims.js';
import { split } from '../shape/split.js';

/** Per-argument axes: one axis for all, or one per argument, `null` for an argument passed whole. */
type InAxes = number | null | readonly (number | null)[];

function axisFor(axes: InAxes, i: number): number | null {
  return Array.isArray(axes) ? ((axes as readonly (number | null)[])[i] ?? null) : (axes as number | null);
}

function checkAxis(axis: number | null, rank: number, what: string): number | null {
  if (axis === null) return null;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new RangeError(`For 'vmap', ${what} must be an integer in [${-rank}, ${rank}), but got ${String(axis)}.`);
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * `fn` mapped over axis `inAxes` of its arguments (an axis for all, or one per argument, `null`
 * to pass an argument whole); each output's mapped axis goes to `outAxes`. The mapped arguments
 * must agree on the axis size. `fn` returns a Tensor or an array of Tensors.
 * @example
 * const dot = (a: Tensor, b: Tensor) => ops.sum(ops.mul(a, b));
 * ops.vmap(dot)(x, y); // [n]: the row-wise dot products of x [n, d] and y [n, d]
 * ops.vmap(dot, [0, null])(x, w); // each row of x with the same w [d]
 */
export function vmap<A extends Tensor[], R extends Tensor | Tensor[]>(
  fn: (...args: A) => R,
  inAxes: InAxes = 0,
  outAxes: number | readonly number[] = 0,
): (...args: A) => R {
  if (typeof fn !== 'function') throw new TypeError(`For 'vmap', fn must be a function, but got ${describe(fn)}.`);
  let reported = false;
  return (...args: A): R => {
    if (Array.isArray(inAxes) && inAxes.length !== args.length) {
      throw new RangeError(`For 'vmap', inAxes has ${inAxes.length} entries but fn was called with ${args.length} argument(s).`);
    }
    const axes = args.map((a, i) => {
      if (!(a instanceof Tensor)) throw new TypeError(`For 'vmap', argument ${i} must be a Tensor, but got ${describe(a)}.`);
      return checkAxis(axisFor(inAxes, i), a.rank, `inAxes[${i}]`);
    });
    const sizes = new Set(axes.flatMap((ax, i) => (ax === null ? [] : [(args[i] as Tensor).shape[ax] as number])));
    if (sizes.size === 0) throw new RangeError("For 'vmap', at least one argument must be mapped (inAxes are all null).");
    if (sizes.size > 1) throw new RangeError(`For 'vmap', the mapped axes must have one size, but got ${[...sizes].join(', ')}.`);
    const n = [...sizes][0] as number;
    if (!reported) {
      reported = true;
      emit({
        type: 'fallback',
        backend: getBackendName() ?? 'none',
        primitive: 'vmap',
        to: 'loop',
        reason: `no batching rule: fn runs once per slice (${n}) and the results are stacked`,
      });
    }
    return tidy(() => {
      const slices = args.map((a, i) => {
        const ax = axes[i] as number | null;
        return ax === null ? null : split(a, 1, ax).map((s) => squeeze(s, ax));
      });
      const results: Tensor[][] = [];
      let single = false;
      for (let k = 0; k < n; k++) {
        const out = fn(...(args.map((a, i) => slices[i]?.[k] ?? a) as A));
        single = out instanceof Tensor;
        results.push(single ? [out as Tensor] : [...(out as Tensor[])]);
      }
      const outs = (results[0] as Tensor[]).map((_, j) => {
        const parts = results.map((r) => r[j] as Tensor);
        const ax = Array.isArray(outAxes) ? ((outAxes as readonly number[])[j] ?? 0) : (outAxes as number);
        return stack(parts, checkAxis(ax, (parts[0] as Tensor).rank + 1, `outAxes[${j}]`) as number);
      });
      return (single ? outs[0] : outs) as R;
    });
  };
}
