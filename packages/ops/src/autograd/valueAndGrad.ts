/**
 * Reverse-mode automatic differentiation: `valueAndGrad`, `grad` and `stopGradient`, with
 * MindSpore's three modes (inputs only, weights only with `gradPosition: null`, both).
 */
import { checkOptions, fill, isFloat, Tensor, tidy } from '@mindts/tensor';
import { endTape, releaseTape, runKernel, StepResults, startTape, type Tape, versionOf, withoutTape } from '@mindts/tensor/backend';
import { add } from '../binary.js';
import { describe } from '../operand.js';
import { gradientOf } from './gradients.js';

/** A Parameter, or anything Tensor-like with an optional `requiresGrad` and `name`. */
type Weight = Tensor & { readonly requiresGrad?: boolean; readonly name?: string };

/**
 * Which weights to differentiate: one Parameter, a ParameterTuple, or an array of them.
 * @example
 * const weights: Weights = net.trainableParams();
 * const [loss, grads] = ops.valueAndGrad(forward, null, weights)(x, y);
 */
export type Weights = Weight | Iterable<Weight>;

/**
 * Options of {@link valueAndGrad} and {@link grad}.
 * @example
 * // Only the first output (the loss) is differentiated; the second comes back as it is.
 * const f = (x: Tensor) => [ops.sum(ops.square(x)), ops.mul(x, 2)];
 * const [outputs, dx] = ops.valueAndGrad(f, 0, null, { hasAux: true })(x); // outputs: [loss, aux]
 */
export interface GradOptions {
  /** Only the first output is differentiated; the rest is returned as is (MindSpore `has_aux`). */
  hasAux?: boolean;
}

/**
 * The grads a differentiated function returns: per MindSpore, shaped by gradPosition and weights.
 * {@link valueAndGrad} and {@link grad} return the precise member (see {@link GradsOf}).
 * @example
 * const [, dx] = ops.valueAndGrad(f)(x); // gradPosition 0: a Tensor
 * const [, dxy] = ops.valueAndGrad(g, [0, 1])(x, y); // two positions: [dx, dy]
 * const [, both] = ops.valueAndGrad(f, 0, net.trainableParams())(x); // [dx, [dw, db]]
 */
export type Grads = Tensor | Tensor[] | [Tensor | Tensor[], Tensor[] | Tensor];

/**
 * What a differentiated function may return: a Tensor or an array (or tuple) of Tensors.
 * @example
 * const f = (x: Tensor): Output => [ops.sum(x), x];
 */
type Output = Tensor | readonly Tensor[];

/**
 * Which inputs to differentiate: an argument index, several (a tuple gives a tuple of gradients),
 * or `null` for the weights only.
 * @example
 * const position: GradPosition = [0, 1];
 */
export type GradPosition = number | readonly number[] | null;

/** The gradients of the inputs at `P`: a Tensor for one index, one Tensor per index otherwise. */
type PositionGrads<P> = P extends number | undefined
  ? Tensor
  : P extends readonly number[]
    ? number extends P['length']
      ? Tensor[]
      : { -readonly [K in keyof P]: Tensor }
    : never;

/** The gradients of `W`: a Tensor for one Parameter, an array for a ParameterTuple or an array. */
type WeightGrads<W> = W extends Tensor ? Tensor : Tensor[];

/**
 * The gradients for a `gradPosition` of type `P` and `weights` of type `W`: the inputs' gradients
 * (one Tensor, or a tuple of them), the weights' (`gradPosition` null) or `[inputs, weights]`.
 * @example
 * type G = GradsOf<readonly [0, 1], undefined>; // [Tensor, Tensor]
 * type H = GradsOf<null, ParameterTuple>; // Tensor[]
 * type B = GradsOf<0, ParameterTuple>; // [Tensor, Tensor[]]
 */
export type GradsOf<P, W> = W extends null | undefined
  ? PositionGrads<P>
  : P extends null
    ? WeightGrads<W>
    : [PositionGrads<P>, WeightGrads<W>];

/** The auxiliary outputs of `O` (all but the first), as {@link grad} returns them with `hasAux`. */
type AuxOf<O> = O extends readonly [Tensor, ...infer Rest] ? Rest : Tensor[];

/** What {@link grad} returns: the gradients, or `[gradients, aux]` with `hasAux: true`. */
type GradResult<O, G, Opt> = Opt extends { hasAux: true } ? [G, AuxOf<O>] : Opt extends { hasAux?: false } ? G : G | [G, AuxOf<O>];

/**
 * Blocks gradients: the result equals `x`, but nothing flows back through it.
 * @example
 * const y = ops.mul(ops.stopGradient(x), x); // dy/dx = x, not 2x
 */
export function stopGradient<T extends Tensor>(x: T): T {
  if (!(x instanceof Tensor)) throw new TypeError(`stopGradient: x must be a Tensor, but got ${describe(x)}.`);
  return withoutTape(() => runKernel('Reshape', [x], { shape: x.shape })) as T;
}

function positions(gradPosition: number | readonly number[] | null, n: number): number[] | null {
  if (gradPosition === null) return null;
  const list = typeof gradPosition === 'number' ? [gradPosition] : [...gradPosition];
  for (const p of list) {
    if (!Number.isInteger(p) || p < 0 || p >= n) {
      throw new RangeError(`For 'valueAndGrad', gradPosition ${p} is out of range: the function was called with ${n} argument(s).`);
    }
  }
  return list;
}

function weightList(weights: Weights | null | undefined): Weight[] | null {
  if (weights === null || weights === undefined) return null;
  if (weights instanceof Tensor) return [weights];
  if (typeof (weights as Iterable<Weight>)[Symbol.iterator] !== 'function') {
    throw new TypeError(
      `For 'valueAndGrad', weights must be a Parameter, a ParameterTuple or an array of Parameters, but got ${describe(weights)}.`,
    );
  }
  const list = [...(weights as Iterable<Weight>)];
  list.forEach((w, i) => {
    if (!(w instanceof Tensor)) throw new TypeError(`For 'valueAndGrad', weights[${i}] must be a Parameter, but got ${describe(w)}.`);
  });
  return list;
}

/**
 * Back-propagates the seeds through the tape; returns the gradient of every traced tensor. Frees
 * what back-propagation made as soon as nothing needs it (a rule's temporaries, a node's output
 * gradient once its rule ran, partial sums), so the peak is not every gradient of the step at once.
 */
function backprop(tape: Tape, seeds: Map<Tensor, Tensor>): Map<Tensor, Tensor> {
  const grads = new Map(seeds);
  // Only tensors made from the seeds on are freed: a rule may hand back a forward tensor.
  const firstId = Math.min(...[...seeds.values()].map((t) => t.id));
  const release = (t: Tensor) => {
    if (t.id < firstId) return;
    for (const v of grads.values()) if (v === t) return;
    t.dispose();
  };
  for (let k = tape.nodes.length - 1; k >= 0; k--) {
    const node = tape.nodes[k] as Tape['nodes'][number];
    const dy = grads.get(node.output);
    if (!dy) continue;
    node.inputs.forEach((t, i) => {
      if (versionOf(t) !== node.versions[i]) {
        throw new Error(
          `A tensor used by '${node.name}' was modified in place (ops.assign, setItem or setData) after it was used; its gradient would be wrong. Compute on a copy instead.`,
        );
      }
    });
    const rule = gradientOf(node.name);
    if (!rule)
      throw new Error(`No gradient is defined for primitive '${node.name}'; register one with registerGradient('${node.name}', rule).`);
    // Gradients reach only traced tensors (sources and what depends on them): rules skip the rest.
    const needs = node.inputs.map((t) => tape.traced.has(t));
    const gs = tidy(() => rule(dy, { inputs: node.inputs, output: node.output, attrs: node.attrs as never, needs }));
    node.inputs.forEach((t, i) => {
      const g = gs[i];
      if (!g || !tape.traced.has(t)) return;
      const prev = grads.get(t);
      grads.set(t, prev ? add(prev, g) : g);
      if (prev) release(prev);
    });
    // Every use of node.output comes before it on the tape: its gradient is complete and now spent.
    if (!tape.sources.has(node.output)) grads.delete(node.output);
    release(dy);
    for (const g of gs) if (g) release(g);
  }
  return grads;
}

function gradFor(t: Tensor, grads: Map<Tensor, Tensor>): Tensor {
  const g = grads.get(t);
  if (g && g.dtype === t.dtype) return g;
  if (g) return runKernel('Cast', [g], { dtype: t.dtype });
  return fill(t.shape, 0, t.dtype);
}

/**
 * Wraps `fn` so a call returns `[value, grads]`: the outputs of `fn` and the gradients of its
 * (first, with `hasAux`) output with respect to the arguments at `gradPosition` and/or `weights`
 * (usually `net.trainableParams()`). A non-scalar output is differentiated as its sum. grads is
 * a Tensor for a single position, an array for several, the weights' array when `gradPosition`
 * is null, and `[inputGrads, weightGrads]` when both are given; the types say which (the value
 * has `fn`'s return type, the gradients {@link GradsOf} the arguments: a tuple of positions gives a
 * tuple of Tensors, a ParameterTuple an array), so no cast is needed. Parameters with
 * `requiresGrad: false`, non-float inputs and inputs the output does not depend on get zeros.
 *
 * Memory: called outside `tidy`, what a call returns (the value, aux outputs and gradients) lives
 * until the next call of the same function, which frees it, so a plain MindSpore-style training
 * loop needs no `tidy` or `dispose`. To hold a result longer, `keep(t)` it (then it is yours to
 * dispose) or read it (`t.item()`, `await t.data()`). A result passed back into the next call (an
 * RNN state) stays until a later call no longer passes it. An optimizer frees the gradients it is
 * handed. Inside `tidy` the scope decides, as for any op.
 * @example
 * const f = (x: Tensor) => ops.sum(ops.square(x));
 * const [loss, dx] = valueAndGrad(f)(tensor([1, 2], 'float32')); // dx = [2, 4]
 */
export function valueAndGrad<
  A extends unknown[],
  O extends Output | [],
  const P extends GradPosition | undefined = 0,
  W extends Weights | null | undefined = undefined,
>(fn: (...args: A) => O, gradPosition?: P, weights?: W, options?: GradOptions): (...args: A) => [O, GradsOf<P, W>];
export function valueAndGrad<A extends unknown[]>(
  fn: (...args: A) => Output,
  gradPosition: GradPosition = 0,
  weights?: Weights | null,
  options: GradOptions = {},
): (...args: A) => [Output, Grads] {
  if (typeof fn !== 'function') throw new TypeError(`For 'valueAndGrad', fn must be a function, but got ${describe(fn)}.`);
  const ws = weightList(weights);
  if (gradPosition === null && ws === null) {
    throw new Error("For 'valueAndGrad', `gradPosition` and `weights` can not be None at the same time.");
  }
  const hasAux = checkOptions<GradOptions>(options, 'valueAndGrad', { hasAux: true }).hasAux ?? false;
  if (typeof hasAux !== 'boolean')
    throw new TypeError(`For 'valueAndGrad', options.hasAux must be a boolean, but got ${describe(hasAux)}.`);
  const results = new StepResults();
  return (...args: A) => {
    const mark = results.begin();
    const value = tidy(() => {
      const pos = positions(gradPosition, args.length);
      const inputs = (pos ?? []).map((p) => {
        const a = args[p];
        if (!(a instanceof Tensor))
          throw new TypeError(`For 'valueAndGrad', argument ${p} (gradPosition) must be a Tensor, but got ${describe(a)}.`);
        return a;
      });
      const trainable = (ws ?? []).filter((w) => w.requiresGrad !== false);
      const tape = startTape([...inputs, ...trainable].filter((t) => isFloat(t.dtype)));
      try {
        let out: Output;
        try {
          out = fn(...args);
        } finally {
          endTape(tape);
        }
        const outs: Tensor[] = out instanceof Tensor ? [out] : Array.isArray(out) ? [...out] : [];
        if (outs.length === 0 || !outs.every((t) => t instanceof Tensor)) {
          throw new TypeError(`For 'valueAndGrad', fn must return a Tensor or an array of Tensors, but got ${describe(out)}.`);
        }
        const differentiated = hasAux ? outs.slice(0, 1) : outs;
        const grads = backprop(tape, new Map(differentiated.map((t) => [t, fill(t.shape, 1, t.dtype)])));
        const inputGrads = inputs.map((t) => gradFor(t, grads));
        const weightGrads = (ws ?? []).map((w) => (w.requiresGrad === false ? fill(w.shape, 0, w.dtype) : gradFor(w, grads)));
        const inputPart: Tensor | Tensor[] = typeof gradPosition === 'number' ? (inputGrads[0] as Tensor) : inputGrads;
        const weightPart: Tensor | Tensor[] = weights instanceof Tensor ? (weightGrads[0] as Tensor) : weightGrads;
        const result: Grads = ws === null ? inputPart : gradPosition === null ? weightPart : [inputPart, weightPart];
        return [out, result] as [Output, Grads];
      } finally {
        // Frees the temporaries the tape kept alive for back-propagation.
        releaseTape(tape);
      }
    });
    results.end(args, value, mark);
    return value;
  };
}

/**
 * Like {@link valueAndGrad} but returns only the grads (or `[grads, aux]` with `hasAux`).
 * @example
 * const dfdx = grad((x: Tensor) => ops.sum(ops.exp(x)));
 * dfdx(tensor([0, 1], 'float32')); // [1, e]
 */
export function grad<
  A extends unknown[],
  O extends Output | [],
  const P extends GradPosition | undefined = 0,
  W extends Weights | null | undefined = undefined,
  const Opt extends GradOptions = Record<never, never>,
>(fn: (...args: A) => O, gradPosition?: P, weights?: W, options?: Opt): (...args: A) => GradResult<O, GradsOf<P, W>, Opt>;
export function grad<A extends unknown[]>(
  fn: (...args: A) => Output,
  gradPosition: GradPosition = 0,
  weights?: Weights | null,
  options: GradOptions = {},
): (...args: A) => unknown {
  const vg = valueAndGrad(fn, gradPosition, weights, options);
  return (...args: A) => {
    const [value, grads] = vg(...args);
    if (!options.hasAux) {
      for (const t of value instanceof Tensor ? [value] : value) t.dispose();
      return grads;
    }
    const [first, ...aux] = value instanceof Tensor ? [value] : value;
    first?.dispose();
    return [grads, aux];
  };
}
