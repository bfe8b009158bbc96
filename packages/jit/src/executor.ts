/**
 * Replaying a compiled graph: kernels are called directly on the backend (no op validation, no
 * Tensor wrappers, no tape), fused groups run as one kernel each, and every intermediate buffer
 * is freed right after its last use so the backend's pool hands it to the next step.
 */
import { getBackend, keep, type Tensor } from '@mindts/tensor';
import {
  adoptData,
  type Backend,
  type ElementwiseKernel,
  getKernel,
  type KernelFunc,
  nextRandomKey,
  runKernel,
  type TensorInfo,
  tensorInfo,
  untraced,
  withoutTape,
  wrapInfo,
} from '@mindts/tensor/backend';
import { JitError } from './errors.js';
import { type EffectTarget, escapingValues, type Node, type OutputTemplate, type Step, stepInputs, type Value } from './ir.js';
import type { Plan } from './passes.js';
import type { ArgTensor } from './tracer.js';

// biome-ignore lint/suspicious/noExplicitAny: kernels of every primitive and backend type.
type AnyKernel = KernelFunc<any, any>;

/** A compiled graph, ready to replay on the backend it was compiled for. */
export class Executable {
  /** Values each step frees after it ran (intermediates at their last use). */
  private readonly frees: number[][];
  /** Values computed once at compile time, and the graph's own constants. */
  private readonly constants = new Map<number, Tensor>();
  private readonly fusedKernels = new Map<Step, ElementwiseKernel | null>();
  private readonly kernels = new Map<Node, AnyKernel>();
  private readonly owned: boolean[];
  /** Kernels the last replay launched. */
  kernelsLaunched = 0;
  /** Fused groups the backend could not compile (they ran node by node). */
  unfusedGroups = 0;

  constructor(
    readonly plan: Plan,
    private readonly backend: Backend,
    private readonly codegen: boolean,
  ) {
    const { graph, steps } = plan;
    for (const c of graph.constants) this.constants.set(c.value, c.tensor);
    // Constant folding: run the constant subgraph once, now.
    untraced(() =>
      withoutTape(() => {
        for (const n of plan.folded) {
          const inputs = n.inputs.map((v) => this.constants.get(v) as Tensor);
          // biome-ignore lint/suspicious/noExplicitAny: a traced primitive call replayed as recorded.
          const out = keep(runKernel(n.op as any, inputs as any, n.attrs as any));
          this.constants.set(n.output, out);
        }
      }),
    );
    this.owned = graph.values.map((v: Value) => v.kind === 'node' && !this.constants.has(v.id));
    const kept = escapingValues(graph);
    const last = new Map<number, number>();
    steps.forEach((s, k) => {
      for (const v of stepInputs(s)) last.set(v, k);
    });
    this.frees = steps.map(() => []);
    for (const [v, k] of last) {
      const step = steps[k] as Step;
      // An alias step takes its input's buffer over: nothing to free.
      if (this.owned[v] && !kept.has(v) && step.kind !== 'alias') (this.frees[k] as number[]).push(v);
    }
  }

  /** Why the graph no longer fits its captured tensors (disposed, or a new shape or dtype), if it does not. */
  staleReason(): string | undefined {
    for (const c of this.plan.graph.captures) {
      const v = this.plan.graph.values[c.value] as Value;
      if (c.tensor.isDisposed) return `captured tensor '${c.name}' was disposed`;
      if (c.tensor.dtype !== v.dtype || c.tensor.shape.length !== v.shape.length || c.tensor.shape.some((d, i) => d !== v.shape[i])) {
        return `captured tensor '${c.name}' changed from ${v.dtype}[${v.shape.join(', ')}] to ${c.tensor.dtype}[${c.tensor.shape.join(', ')}]`;
      }
    }
    return undefined;
  }

  private kernelOf(node: Node): AnyKernel {
    let k = this.kernels.get(node);
    if (!k) {
      // biome-ignore lint/suspicious/noExplicitAny: any registered primitive.
      k = getKernel(node.op as any, this.backend.name) as AnyKernel | undefined;
      if (!k) throw new JitError(`Kernel '${node.op}' is not registered for backend '${this.backend.name}'.`);
      this.kernels.set(node, k);
    }
    return k;
  }

  private fusedKernel(step: Step & { kind: 'fused' }): ElementwiseKernel | null {
    let k = this.fusedKernels.get(step);
    if (k === undefined) {
      k = this.backend.compileElementwise?.(step.program, { codegen: this.codegen }) ?? null;
      if (!k) this.unfusedGroups++;
      this.fusedKernels.set(step, k);
    }
    return k;
  }

  /**
   * Runs the graph on `args` (the tensors found in the call's arguments, in graph-input order);
   * applies its effects and returns the call's result.
   */
  run(args: readonly ArgTensor[]): unknown {
    const { graph, steps } = this.plan;
    const backend = this.backend;
    if (getBackend() !== backend)
      throw new JitError(`jit: the graph was compiled for backend '${backend.name}', but '${getBackend().name}' is active.`);
    const vals = new Array<TensorInfo | undefined>(graph.values.length);
    graph.inputs.forEach((input, i) => {
      vals[input.value] = tensorInfo((args[i] as ArgTensor).tensor, backend);
    });
    for (const c of graph.captures) vals[c.value] = tensorInfo(c.tensor, backend);
    for (const [v, t] of this.constants) vals[v] = tensorInfo(t, backend);
    // Draw from the global random stream as the function would have, in the same order.
    const keys = graph.draws.map((count) => nextRandomKey(count));
    let launched = 0;
    const free = (v: number) => {
      const info = vals[v];
      if (info && this.owned[v]) backend.disposeData(info.dataId);
      vals[v] = undefined;
    };
    try {
      steps.forEach((step, k) => {
        if (step.kind === 'kernel') {
          const n = step.node;
          const attrs = n.draw === undefined ? n.attrs : { ...(n.attrs as object), ...(keys[n.draw] as object) };
          vals[n.output] = this.kernelOf(n)(backend, n.inputs.map((v) => vals[v]) as never, attrs as never);
          launched++;
        } else if (step.kind === 'fused') {
          const kernel = this.fusedKernel(step);
          if (kernel) {
            vals[step.output] = kernel(step.inputs.map((v) => vals[v] as TensorInfo));
            launched++;
          } else {
            // The backend cannot compile this program: run its nodes one by one.
            for (const n of step.nodes) {
              vals[n.output] = this.kernelOf(n)(backend, n.inputs.map((v) => vals[v]) as never, n.attrs as never);
              launched++;
            }
            for (const n of step.nodes) if (n.output !== step.output) free(n.output);
          }
        } else {
          const from = vals[step.input] as TensorInfo;
          vals[step.output] = { dataId: from.dataId, shape: step.shape, dtype: from.dtype };
          vals[step.input] = undefined;
        }
        for (const v of this.frees[k] as number[]) free(v);
      });
    } catch (err) {
      vals.forEach((_, v) => {
        free(v);
      });
      throw err;
    }
    this.kernelsLaunched = launched;

    // Outputs first (they may read values the effects then overwrite), then the effects.
    const handed = new Set<number>();
    const reshape = getKernel('Reshape', backend.name) as AnyKernel;
    const tensorOf = (v: number): Tensor => {
      const info = vals[v] as TensorInfo;
      if (this.owned[v] && !handed.has(v)) {
        handed.add(v);
        return wrapInfo(info, backend);
      }
      return wrapInfo(reshape(backend, [info], { shape: info.shape }), backend);
    };
    const targetOf = (t: EffectTarget): Tensor => ('capture' in t ? t.capture.tensor : (args[t.input] as ArgTensor).tensor);
    const build = (t: OutputTemplate): unknown => {
      switch (t.kind) {
        case 'value':
          return tensorOf(t.value);
        case 'same':
          return targetOf(t.target);
        case 'array':
          return t.items.map(build);
        case 'object':
          return Object.fromEntries(t.entries.map(([k, v]) => [k, build(v)]));
        default:
          return t.value;
      }
    };
    const result = build(graph.output);
    const writes = graph.effects.map((e) => [targetOf(e.target), tensorOf(e.value)] as const);
    for (const [target, value] of writes) adoptData(target, value);
    // Owned values nothing used (only when dead-code elimination is off).
    vals.forEach((info, v) => {
      if (info && this.owned[v] && !handed.has(v)) backend.disposeData(info.dataId);
    });
    return result;
  }

  /** Frees the constants the graph owns. */
  dispose(): void {
    for (const t of this.constants.values()) t.dispose();
    this.constants.clear();
  }
}
