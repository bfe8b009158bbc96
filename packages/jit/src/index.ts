/**
 * `@mindts/jit`: `jit(fn)` and `@jit` (MindSpore `ms.jit`). Traces a function into an SSA graph
 * on the first call of each input signature, optimises it (dead-code elimination, constant
 * folding, common subexpressions, fused elementwise chains, buffer reuse) and replays it.
 * @module @mindts/jit
 */
export { JitError } from './errors.js';
export type { Capture, Constant, Effect, EffectTarget, Graph, Node, OutputTemplate, Step, Value, ValueKind } from './ir.js';
export { graphDot, graphText } from './ir.js';
export { type JitOptions, type JitStats, type Jitted, jit, type Lowered, type RecompileRecord } from './jit.js';
export type { PassOptions, Plan } from './passes.js';
