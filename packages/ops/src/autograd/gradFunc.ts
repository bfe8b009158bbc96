/**
 * The gradient-rule types and the plugin registry of rules for primitives outside the core set.
 */
import type { Tensor } from '@mindts/tensor';
import type { PrimitiveAttrs, PrimitiveName } from '@mindts/tensor/backend';
import { describe } from '../operand.js';

/**
 * What a gradient rule sees of one recorded primitive call.
 * @example
 * registerGradient('MySquare', (dy, node: GradNode<'MySquare'>) => [ops.mul(dy, ops.mul(node.inputs[0]!, 2))]);
 */
export interface GradNode<N extends PrimitiveName = PrimitiveName> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: PrimitiveAttrs<N>;
  /**
   * Whether each input's gradient is wanted: false where no differentiated tensor is reached
   * through that input (e.g. a network's data input), so a rule may skip computing it and return
   * `undefined` there. Absent: every gradient is wanted.
   */
  readonly needs?: readonly boolean[];
}

/**
 * Whether `node` wants the gradient of input `i` (see {@link GradNode.needs}).
 * @example
 * const da = wants(node, 0) ? ops.mul(dy, b) : undefined;
 */
export function wants(node: Pick<GradNode, 'needs'>, i: number): boolean {
  if (node === null || typeof node !== 'object') throw new TypeError(`wants: node must be a GradNode, but got ${describe(node)}.`);
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0)
    throw new RangeError(`wants: i must be an input index (an integer >= 0), but got ${describe(i)}.`);
  return node.needs?.[i] ?? true;
}

/**
 * A gradient rule: given the gradient `dy` of a primitive's output, the gradients of its inputs
 * (same shapes and dtypes as the inputs; `undefined` where there is none, e.g. integer inputs).
 * Rules are written with `ops.*`, so they are differentiable themselves.
 * @example
 * // d(exp x) = exp x · dy: the rule may reuse the recorded output.
 * const expRule: GradFunc = (dy, { output }) => [ops.mul(dy, output)];
 */
export type GradFunc<N extends PrimitiveName = PrimitiveName> = (dy: Tensor, node: GradNode<N>) => ReadonlyArray<Tensor | undefined>;

const plugins = new Map<string, GradFunc>();

/**
 * Registers the gradient rule of a plugin primitive (one added with `registerKernel`).
 * @example
 * registerGradient('MySquare', (dy, { inputs: [x] }) => [ops.mul(dy, ops.mul(x, 2))]);
 */
export function registerGradient<N extends PrimitiveName>(name: N, rule: GradFunc<N>): void {
  if (typeof rule !== 'function') throw new TypeError(`registerGradient: rule must be a function, but got ${typeof rule}.`);
  if (plugins.has(name)) throw new Error(`A gradient rule for '${String(name)}' is already registered.`);
  plugins.set(name, rule as unknown as GradFunc);
}

/** The registered plugin rule for `name`, if any. */
export function pluginGradient(name: string): GradFunc | undefined {
  return plugins.get(name);
}
