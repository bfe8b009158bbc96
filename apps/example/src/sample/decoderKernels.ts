/**
 * The few-kernel pieces of the GPT's cached step (incrementalDecoder.ts). A cached step feeds one
 * position, so its tensors are tiny and each op costs mostly its dispatch: these pieces compute
 * what `nn.LayerNorm` and single-query attention compute in fewer ops. Their elementwise tails run
 * as one fused kernel through `runElementwise` where the backend compiles programs (wasm, cpu),
 * and as the same primitives where it does not, while `jit` traces (it fuses them itself) or a
 * tape records.
 */
import type { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, type Tensor } from '@mindts/tensor';
import { type ElementwiseProgram, type ElementwiseRef, type ElementwiseStep, runElementwise } from '@mindts/tensor/backend';

const F = 'float32';
const input = (i: number): ElementwiseRef => ({ input: i });
const step = (i: number): ElementwiseRef => ({ step: i });
const binary = (op: 'add' | 'sub' | 'mul' | 'div', a: ElementwiseRef, b: ElementwiseRef): ElementwiseStep => ({
  kind: 'binary',
  op,
  a,
  b,
  inDType: F,
  dtype: F,
});
const unary = (op: 'square' | 'rsqrt' | 'exp', x: ElementwiseRef): ElementwiseStep => ({ kind: 'unary', op, x, inDType: F, dtype: F });

/** `steps` over `inputs` (float32, broadcasting to `shape`) as one kernel, else `stepwise()`. */
function fused(shape: readonly number[], inputs: readonly Tensor[], steps: ElementwiseStep[], stepwise: () => Tensor): Tensor {
  const program: ElementwiseProgram = { shape, inputs: inputs.map((t) => ({ shape: t.shape, dtype: t.dtype })), steps };
  return runElementwise(program, inputs, stepwise);
}

/**
 * The constants a cached step needs, made once per step: the column `[d, 1]` of `1/d` that takes
 * a row mean as one MatMul (no Reduce, Reshape and Div), and the scalars the fused programs read.
 * @example
 * const { average, scale } = stepConstants(64, 16);
 */
export interface StepConstants {
  readonly average: Tensor;
  readonly scale: Tensor;
}

/**
 * {@link StepConstants} for rows of `d` features and heads of `headDim`.
 * @example
 * const c = stepConstants(64, 16);
 */
export function stepConstants(d: number, headDim: number): StepConstants {
  return {
    average: fromValues(new Float32Array(d).fill(1 / d), [d, 1], F),
    scale: fromValues(Float32Array.of(1 / Math.sqrt(headDim)), [], F),
  };
}

/**
 * `ln` on rows `x` `[batch, d]` in four kernels: the mean and the variance as MatMuls by the
 * `1/d` column, `(x − mean)²` and the normalise-scale-shift tail each one fused kernel. The biased
 * variance and epsilon of `nn.LayerNorm`.
 * @example
 * const y = rowLayerNorm(layer.norm1, x, c);
 */
export function rowLayerNorm(ln: nn.LayerNorm, x: Tensor, c: StepConstants): Tensor {
  const mean = ops.matmul(x, c.average);
  const squares = fused(x.shape, [x, mean], [binary('sub', input(0), input(1)), unary('square', step(0))], () =>
    ops.square(ops.sub(x, mean)),
  );
  const variance = ops.matmul(squares, c.average);
  const gamma = ln.gamma as Tensor;
  const beta = ln.beta as Tensor;
  const eps = fromValues(Float32Array.of(ln.epsilon), [], F);
  return fused(
    x.shape,
    [x, mean, variance, eps, gamma, beta],
    [
      binary('sub', input(0), input(1)),
      binary('add', input(2), input(3)),
      unary('rsqrt', step(1)),
      binary('mul', step(0), step(2)),
      binary('mul', step(3), input(4)),
      binary('add', step(4), input(5)),
    ],
    () => ops.add(ops.mul(ops.mul(ops.sub(x, mean), ops.rsqrt(ops.add(variance, eps))), gamma), beta),
  );
}

/**
 * Attention of one query per head over the cached keys and values, without a batched MatMul
 * (one tiny GEMM per row and head): `q` `[batch, heads, 1, headDim]` (unscaled), `keys` and
 * `values` `[batch, heads, t, headDim]`; returns the context `[batch, heads, headDim]`.
 * Scores are `Σ q·k` over headDim, the softmax's shift-exp-scale fused into one kernel.
 * @example
 * const context = singleQueryAttention(q, keys, values, c);
 */
export function singleQueryAttention(q: Tensor, keys: Tensor, values: Tensor, c: StepConstants): Tensor {
  const scores = ops.sum(ops.mul(q, keys), -1); // [b, h, t]
  const top = ops.amax(scores, -1, true);
  // exp((s − max)·scale): the max of the scaled scores is the scaled max (scale > 0).
  const e = fused(
    scores.shape,
    [scores, top, c.scale],
    [binary('sub', input(0), input(1)), binary('mul', step(0), input(2)), unary('exp', step(1))],
    () => ops.exp(ops.mul(ops.sub(scores, top), c.scale)),
  );
  const weights = ops.div(e, ops.sum(e, -1, true));
  const [b, h, t] = weights.shape as [number, number, number];
  return ops.sum(ops.mul(ops.reshape(weights, [b, h, t, 1]), values), 2);
}

/**
 * `layer` (a Dense without activation) on rows `x` `[batch, in]`, plus `residual` when given: the
 * MatMul, then the bias and residual adds as one fused kernel.
 * @example
 * const y = rowDense(attn.out_proj, context, x); // x + out_proj(context)
 */
export function rowDense(layer: nn.Dense, x: Tensor, residual?: Tensor): Tensor {
  if (layer.activation) {
    const y = layer.call(x) as Tensor;
    return residual ? ops.add(residual, y) : y;
  }
  const product = ops.matmul(x, layer.weight as Tensor, { transposeB: true });
  return biasAndResidual(product, layer.bias as Tensor | null, residual);
}

/**
 * `product + bias + residual` (either may be absent) as one fused kernel: the order of the
 * layers' adds (`residual + (product + bias)`).
 * @example
 * const qkv = biasAndResidual(ops.matmul(a, w, { transposeB: true }), bias);
 */
export function biasAndResidual(product: Tensor, bias: Tensor | null, residual?: Tensor): Tensor {
  if (!bias) return residual ? ops.add(residual, product) : product;
  if (!residual) return ops.add(product, bias);
  return fused(product.shape, [product, bias, residual], [binary('add', input(0), input(1)), binary('add', input(2), step(0))], () =>
    ops.add(residual, ops.add(product, bias)),
  );
}
