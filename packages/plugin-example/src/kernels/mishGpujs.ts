/**
 * The `Mish` kernel of the gpu.js backend: a kernel source generated as a string (never
 * `Function.prototype.toString`, which minifiers break), compiled once per size by the backend's
 * kernel cache, with the host kernel as the fallback where gpu.js cannot run it.
 */
import type { GpujsBackend } from '@mindts/backend-gpujs';
import { type KernelFunc, sizeOf, type TensorInfo } from '@mindts/tensor/backend';
import { MISH, mishKernelInput, mishOutput } from '../primitive.js';
import { mishHost } from './mishHost.js';

/**
 * Statements computing `y = mish(v)` in float32 shader arithmetic. `log(1 + e)` and
 * `(1 − t) / (1 + t)` lose every digit when `e` or the softplus is tiny (x ≪ 0), so short
 * series take over there, as the core templates do for expm1 and log1p. tanh goes through
 * `e^(−2·sp)`, which cannot overflow because the softplus is never negative.
 * @example
 * mishSource().includes(MISH_BODY); // true
 */
export const MISH_BODY = [
  'let e = Math.exp(-Math.abs(v));',
  'let lp = Math.log(1.0 + e);',
  'if (e < 0.01) { lp = e * (1.0 - e * (0.5 - e * 0.3333333333333333)); }',
  'let sp = lp + Math.max(v, 0.0);',
  'let t = Math.exp(-2.0 * sp);',
  'let th = (1.0 - t) / (1.0 + t);',
  'if (sp < 0.01) { th = sp * (1.0 - sp * sp * 0.3333333333333333); }',
  'let y = v * th;',
].join('\n  ');

/**
 * The gpu.js kernel function source: one output element per thread.
 * @example
 * gpu.createKernel(mishSource(), { output: [n], precision: 'single' });
 */
export function mishSource(): string {
  return `function(a) {\n  let v = a[this.thread.x];\n  ${MISH_BODY}\n  return y;\n}`;
}

/** Where gpu.js cannot run the kernel (a dtype, a size, `cpuThreshold`, a lost context), the host kernel does. */
function onHost(backend: GpujsBackend, x: TensorInfo, reason: string): TensorInfo {
  if (backend.strict) throw new Error(`gpujs (strict): Mish would run on the host because ${reason}.`);
  if (!backend.canReadSync(x.dataId)) {
    throw new Error(
      `Mish on backend '${backend.name}' must run on the host because ${reason}, but its input is still pending on the device; await x.data() before calling mish.`,
    );
  }
  return mishHost(backend, [x], {});
}

/**
 * gpu.js kernel of `Mish` (float32 on the device; float16 and float64 on the host). The
 * backend's `launchWith` routes by dtype and size, caches the compiled kernel under `Mish|key`,
 * and records a fallback in `explain()` under the label 'Mish'.
 * @example
 * registerKernel({ name: 'Mish', backendName: 'gpujs', kernelFunc: mishGpujs });
 */
export const mishGpujs: KernelFunc<'Mish', GpujsBackend> = (backend, inputs) => {
  const x = mishKernelInput('mishGpujs', backend, inputs, ['launchWith']);
  const { shape, dtype } = mishOutput(x);
  const plan = { key: `${dtype}|${sizeOf(shape)}`, shape, dtype, source: mishSource };
  return backend.launchWith(MISH, [x], plan, (reason) => onHost(backend, x, reason));
};
