/**
 * `vjp` and `jvp` (MindSpore's `mindspore.vjp` / `mindspore.jvp`): vector–Jacobian and
 * Jacobian–vector products, built on `valueAndGrad`. The JVP uses the double-VJP identity
 * `J·v = ∂/∂u ⟨Jᵀu, v⟩`, so it needs the gradient rules to be differentiable themselves (every core
 * rule is written with ops; a plugin rule built on a primitive without a gradient makes `jvp` throw
 * "No gradient is defined for primitive …").
 */
import { checkOptions, type OptionKeys, Tensor, tidy, zeros } from '@mindts/tensor';
import { add, mul } from '../binary.js';
import { describe } from '../operand.js';
import { sum } from '../reduce.js';
import { valueAndGrad, type Weights } from './valueAndGrad.js';

/**
 * Options of {@link vjp} and {@link jvp}.
 * @example
 * const [out, vjpFn, aux] = ops.vjp(f, [x], { hasAux: true });
 */
export interface VjpOptions {
  /** Only the first output is differentiated; the rest is returned as `aux` (MindSpore `has_aux`). */
  hasAux?: boolean;
  /** Parameters whose cotangent products `vjpFn` also returns (MindSpore `weights`; vjp only). */
  weights?: Weights | null;
}

const VJP_KEYS: OptionKeys<VjpOptions> = { hasAux: true, weights: true };

type Fn = (...args: Tensor[]) => Tensor | readonly Tensor[];

function tensorList(value: Tensor | readonly Tensor[], what: string, where: string): Tensor[] {
  const list = value instanceof Tensor ? [value] : Array.isArray(value) ? [...value] : undefined;
  if (!list || list.length === 0 || !list.every((t) => t instanceof Tensor)) {
    throw new TypeError(`For '${where}', ${what} must be a Tensor or a non-empty array of Tensors, but got ${describe(value)}.`);
  }
  return list;
}

function outputsOf(out: Tensor | readonly Tensor[], hasAux: boolean, where: string): [Tensor[], Tensor[]] {
  const outs = tensorList(out, 'fn', where);
  if (hasAux && outs.length < 2)
    throw new TypeError(`For '${where}', hasAux needs fn to return at least two outputs, but got ${outs.length}.`);
  return hasAux ? [outs.slice(0, 1), outs.slice(1)] : [outs, []];
}

/** `Σᵢ sum(outᵢ · vᵢ)`: the scalar whose gradient is the vector–Jacobian product. */
function contract(outs: readonly Tensor[], vs: readonly Tensor[], where: string): Tensor {
  if (vs.length !== outs.length)
    throw new RangeError(`For '${where}', v must have ${outs.length} tensor(s), one per output, but got ${vs.length}.`);
  outs.forEach((o, i) => {
    const v = vs[i] as Tensor;
    if (v.shape.join() !== o.shape.join()) {
      throw new RangeError(
        `For '${where}', v[${i}] must have the output's shape [${o.shape.join(', ')}], but got [${v.shape.join(', ')}].`,
      );
    }
  });
  return outs.map((o, i) => sum(mul(o, vs[i] as Tensor))).reduce((a, b) => add(a, b));
}

/**
 * The forward output and a function that computes vector–Jacobian products `vᵀ·J` at `inputs`
 * (MindSpore `vjp`). `vjpFn(v)` takes one cotangent per (differentiated) output and returns one
 * gradient per input — `[inputGrads, weightGrads]` when `weights` are given. With `hasAux` the
 * result is `[output, vjpFn, aux]`. Each `vjpFn` call runs `fn` again (no tape is held between
 * calls, so nothing stays alive).
 * @example
 * const f = (x: Tensor, y: Tensor) => ops.add(ops.pow(x, 3), y);
 * const [out, vjpFn] = ops.vjp(f, [x, y]);
 * const [dx, dy] = vjpFn(ops.onesLike(out)); // dx = 3x², dy = 1
 */
export function vjp(
  fn: Fn,
  inputs: Tensor | readonly Tensor[],
  options?: VjpOptions,
): [Tensor | Tensor[], (v: Tensor | readonly Tensor[]) => Tensor[] | [Tensor[], Tensor[]], ...Tensor[][]] {
  if (typeof fn !== 'function') throw new TypeError(`For 'vjp', fn must be a function, but got ${describe(fn)}.`);
  const xs = tensorList(inputs, 'inputs', 'vjp');
  const { hasAux = false, weights = null } = checkOptions<VjpOptions>(options, 'vjp', VJP_KEYS);
  const [outs, aux] = tidy(() => outputsOf(fn(...xs), hasAux, 'vjp'));
  const vjpFn = (v: Tensor | readonly Tensor[]): Tensor[] | [Tensor[], Tensor[]] => {
    const vs = tensorList(v, 'v', 'vjp');
    const scalar = (...args: Tensor[]) => contract(outputsOf(fn(...args), hasAux, 'vjp')[0], vs, 'vjp');
    const positions = xs.map((_, i) => i);
    return tidy(() => {
      const [value, grads] = valueAndGrad(scalar, positions, weights)(...xs);
      value.dispose();
      return grads as Tensor[] | [Tensor[], Tensor[]];
    });
  };
  const output = outs.length === 1 ? (outs[0] as Tensor) : outs;
  return hasAux ? [output, vjpFn, aux] : [output, vjpFn];
}

/**
 * The forward output and the Jacobian–vector product `J·v` of `fn` at `inputs`, `v` one tangent
 * per input (MindSpore `jvp`). With `hasAux`, `[output, jvpOut, aux]`.
 * @example
 * const f = (x: Tensor) => ops.pow(x, 3);
 * const [out, tangent] = ops.jvp(f, [x], [ops.onesLike(x)]); // tangent = 3x²
 */
export function jvp(
  fn: Fn,
  inputs: Tensor | readonly Tensor[],
  v: Tensor | readonly Tensor[],
  options?: Omit<VjpOptions, 'weights'>,
): [Tensor | Tensor[], Tensor | Tensor[], ...Tensor[][]] {
  if (typeof fn !== 'function') throw new TypeError(`For 'jvp', fn must be a function, but got ${describe(fn)}.`);
  const xs = tensorList(inputs, 'inputs', 'jvp');
  const vs = tensorList(v, 'v', 'jvp');
  const { hasAux = false } = checkOptions<Omit<VjpOptions, 'weights'>>(options, 'jvp', { hasAux: true });
  if (vs.length !== xs.length) throw new RangeError(`For 'jvp', v must have ${xs.length} tensor(s), one per input, but got ${vs.length}.`);
  xs.forEach((x, i) => {
    const t = vs[i] as Tensor;
    if (t.shape.join() !== x.shape.join()) {
      throw new RangeError(`For 'jvp', v[${i}] must have the input's shape [${x.shape.join(', ')}], but got [${t.shape.join(', ')}].`);
    }
  });
  const [outs, aux] = tidy(() => outputsOf(fn(...xs), hasAux, 'jvp'));
  const tangents = tidy(() => {
    // ⟨Jᵀu, v⟩ as a function of the cotangents u (its value at u = 0 does not matter: it is linear).
    const inner = (...us: Tensor[]) => {
      const [value, grads] = valueAndGrad(
        (...args: Tensor[]) => contract(outputsOf(fn(...args), hasAux, 'jvp')[0], us, 'jvp'),
        xs.map((_, i) => i),
      )(...xs);
      value.dispose();
      return contract(grads, vs, 'jvp');
    };
    const us = outs.map((o) => zeros(o.shape, o.dtype));
    const [value, grads] = valueAndGrad(
      inner,
      us.map((_, i) => i),
    )(...us);
    value.dispose();
    return grads;
  });
  const output = outs.length === 1 ? (outs[0] as Tensor) : outs;
  const tangent = tangents.length === 1 ? (tangents[0] as Tensor) : tangents;
  return hasAux ? [output, tangent, aux] : [output, tangent];
}
