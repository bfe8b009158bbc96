/**
 * Fused elementwise programs with float16 on the wasm backend: the program is compiled with
 * float32 in place of float16 (./fusedElementwise.ts), each step whose output was float16 rounds
 * its block to float16 precision after it runs, float16 inputs are widened to float32 first and a
 * float16 output is narrowed at the end. Each step thus sees exactly the values the eager float16
 * kernels (./kernels/half.ts) would give it, so fused results equal eager ones.
 */
import type { DType } from '@mindts/tensor';
import type { ElementwiseKernel, ElementwiseProgram, ElementwiseStep, TensorInfo } from '@mindts/tensor/backend';
import { compileBlocked } from './fusedElementwise.js';
import { narrow, widen } from './kernels/half.js';
import type { WasmBackend } from './wasmBackend.js';

const wide = (d: DType): DType => (d === 'float16' ? 'float32' : d);

/**
 * `program` as a blocked kernel, float16 included (see the file comment); without float16 it is
 * `compileBlocked`. Undefined where the float32 form does not compile.
 * @example
 * const kernel = compileWithFloat16(backend, program);
 */
export function compileWithFloat16(backend: WasmBackend, program: ElementwiseProgram): ElementwiseKernel | undefined {
  const { inputs, steps } = program;
  const half = inputs.some((i) => i.dtype === 'float16') || steps.some((s) => s.dtype === 'float16' || s.inDType === 'float16');
  if (!half) return compileBlocked(backend, program);
  const twin: ElementwiseProgram = {
    shape: program.shape,
    inputs: inputs.map((i) => ({ shape: i.shape, dtype: wide(i.dtype) })),
    steps: steps.map((s) => ({ ...s, inDType: wide(s.inDType), dtype: wide(s.dtype) }) as ElementwiseStep),
  };
  // A `where` selects values already float16; the others compute new ones.
  const rounded = steps.map((s) => s.dtype === 'float16' && s.kind !== 'where');
  const kernel = compileBlocked(backend, twin, rounded);
  if (!kernel) return undefined;
  const narrowOut = steps[steps.length - 1]?.dtype === 'float16';
  return (infos: readonly TensorInfo[]) => {
    const widened = infos.map((t) => (t.dtype === 'float16' ? widen(backend, t) : t));
    let out: TensorInfo | undefined;
    try {
      out = kernel(widened);
      if (!narrowOut) {
        const kept = out;
        out = undefined;
        return kept;
      }
      return narrow(backend, out);
    } finally {
      for (let i = 0; i < widened.length; i++) if (widened[i] !== infos[i]) backend.disposeData((widened[i] as TensorInfo).dataId);
      if (out) backend.disposeData(out.dataId);
    }
  };
}
