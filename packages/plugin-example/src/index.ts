/**
 * `@mindts/plugin-example`: a mindts plugin written only against the public registration points
 * — a new primitive `Mish` with CPU, host (wasm) and gpu.js kernels, its gradient, the op
 * `mish`, the `Rademacher` initializer and the `MishDense` Cell. Nothing is registered until
 * `registerPluginExample()` is called. docs/plugins.md walks through it file by file.
 * @example
 * import { mish, registerPluginExample } from '@mindts/plugin-example';
 * registerPluginExample();
 * mish(tensor([1], 'float32')); // [0.8651]
 * @module @mindts/plugin-example
 */
export { mishCpu } from './kernels/mishCpu.js';
export { MISH_BODY, mishGpujs, mishSource } from './kernels/mishGpujs.js';
export { mishHost } from './kernels/mishHost.js';
export { mish } from './mish.js';
export { MishDense, type MishDenseOptions } from './mishDense.js';
export { mishGrad } from './mishGrad.js';
export { mishImpl, mishValue } from './mishImpl.js';
export { MISH, mishOutput } from './primitive.js';
export { Rademacher, type RademacherOptions } from './rademacher.js';
export { type PluginExampleOptions, registerPluginExample } from './registerPluginExample.js';
