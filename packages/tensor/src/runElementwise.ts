/**
 * Eager fusion: an op composed of elementwise primitives runs as one fused kernel when the
 * active backend compiles its program ({@link Backend.compileElementwise}), the way `@mindts/jit`
 * runs the chains it finds, but without tracing first. Ops built this way (an optimizer's update,
 * a gradient rule) still run as their primitives where that matters: while a tape records
 * (gradients need the primitives) or jit traces (jit fuses them itself), and on backends that
 * compile no programs.
 */
import { checkArray, checkFunction, checkObject } from './argChecks.js';
import type { Backend } from './backendTypes.js';
import { getBackend } from './backendRegistry.js';
import { type ElementwiseKernel, type ElementwiseProgram, stepOperands } from './elementwise.js';
import { tensorInfo, wrapInfo } from './engine.js';
import { isRecording } from './tape.js';
import type { Tensor } from './tensor.js';
import { isTracing } from './trace.js';

/** Compiled programs per backend, by program; `null` where the backend declined one. */
const compiled = new WeakMap<Backend, Map<string, ElementwiseKernel | null>>();
/** Programs kept per backend (the oldest compiled is dropped beyond it). */
const PROGRAMS_PER_BACKEND = 256;

function kernelFor(backend: Backend, program: ElementwiseProgram): ElementwiseKernel | null {
  let programs = compiled.get(backend);
  if (!programs) compiled.set(backend, (programs = new Map()));
  const key = JSON.stringify(program);
  let kernel = programs.get(key);
  if (kernel === undefined) {
    kernel = backend.compileElementwise?.(program) ?? null;
    programs.set(key, kernel);
    if (programs.size > PROGRAMS_PER_BACKEND) programs.delete(programs.keys().next().value as string);
  }
  return kernel;
}

/**
 * `program` over `inputs` as one fused kernel on the active backend, or `stepwise()` (the same
 * computation as primitives, which must give the same values) when a tape records, jit traces,
 * or the backend compiles no such program. The program's inputs must describe `inputs`.
 * @example
 * // p − lr·g in one pass where the backend can, else as two primitives:
 * const program: ElementwiseProgram = {
 *   shape: p.shape,
 *   inputs: [p, g, lr].map((t) => ({ shape: t.shape, dtype: t.dtype })),
 *   steps: [
 *     { kind: 'binary', op: 'mul', a: { input: 1 }, b: { input: 2 }, inDType: 'float32', dtype: 'float32' },
 *     { kind: 'binary', op: 'sub', a: { input: 0 }, b: { step: 0 }, inDType: 'float32', dtype: 'float32' },
 *   ],
 * };
 * const next = runElementwise(program, [p, g, lr], () => ops.sub(p, ops.mul(g, lr)));
 */
export function runElementwise(program: ElementwiseProgram, inputs: readonly Tensor[], stepwise: () => Tensor): Tensor {
  checkProgram(program, inputs);
  checkFunction(stepwise, 'runElementwise', 'stepwise');
  if (isRecording() || isTracing()) return stepwise();
  const backend = getBackend();
  const kernel = kernelFor(backend, program);
  if (!kernel) return stepwise();
  return wrapInfo(kernel(inputs.map((t) => tensorInfo(t, backend))), backend);
}

/** The structure of `program` (per step, not per element) and that it describes `inputs`. */
function checkProgram(program: ElementwiseProgram, inputs: readonly Tensor[]): void {
  checkObject(program, 'runElementwise', 'program', 'an ElementwiseProgram { shape, inputs, steps }');
  checkArray(program.shape, 'runElementwise', 'program.shape', 'an array of numbers');
  checkArray(program.inputs, 'runElementwise', 'program.inputs', 'an array of { shape, dtype }');
  checkArray(program.steps, 'runElementwise', 'program.steps', 'an array of steps');
  checkArray(inputs, 'runElementwise', 'inputs', 'an array of Tensors');
  if (program.inputs.length !== inputs.length) {
    throw new RangeError(
      `runElementwise: program.inputs describes ${program.inputs.length} input(s), but ${inputs.length} Tensor(s) were given.`,
    );
  }
  for (const step of program.steps) stepOperands(step);
}
