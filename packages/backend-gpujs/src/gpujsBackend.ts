/**
 * The gpu.js backend: kernel launch and cache, and the recorded per-op fallback to the CPU
 * backend. Tensor storage (device/host forms) is in `deviceStore.ts`, launch plans in
 * `launchPlan.ts`.
 * size-exception: routing, the kernel cache (with its proven and broken sets), the fallback
 * record, the launch paths (one kernel, a chain now or once its inputs are ready, four-wide) and
 * the packed WebGL2 read-back (a kernel of its own) share that state; split, each piece would take
 * the others as arguments. Most of the length is the doc comments.
 */
import { CpuBackend, cpuKernels } from '@mindts/backend-cpu';
import type { DType, Values } from '@mindts/tensor';
import {
  type Backend,
  type CorePrimitiveName,
  type DataId,
  type ElementwiseCompileOptions,
  type ElementwiseKernel,
  type ElementwiseProgram,
  emit,
  type KernelFunc,
  makeValues,
  type PrimitiveAttrs,
  type PrimitiveInputs,
  sizeOf,
  type TensorInfo,
} from '@mindts/tensor/backend';
import { checkSettings } from './checkSettings.js';
import { type Device, DeviceStore, type GpujsMemory, type Layout, settleQuietly } from './deviceStore.js';
import type { GpujsExplanation, GpujsFallback } from './explanation.js';
import type { CompiledKernel, DeviceHandle, GpuJs, GpujsMode } from './gpujsModule.js';
import { roundHalf } from './kernels/float16.js';
import { compileFused } from './kernels/fused.js';
import { fragmentRowColumn, lit } from './kernels/source.js';
import { type ChainStage, flatResult, type LaunchPlan } from './launchPlan.js';
import { KERNEL_CACHE_LIMIT, MAX_DEVICE_ELEMENTS } from './limits.js';

export type { ChainStage, LaunchPlan } from './launchPlan.js';

/** Settings the factory resolves. */
export interface GpujsBackendSettings {
  readonly name: string;
  readonly mode: GpujsMode;
  readonly modeReason: string;
  readonly gpu: GpuJs;
  readonly strict: boolean;
  readonly cpuThreshold: number;
}

/**
 * dtypes stored on gpu.js exactly: float32, and bool as 0/1. float16 is stored as float32 values
 * exact in float16 (kernels/float16.ts), and runs on the device only in plans that keep it so
 * ({@link LaunchPlan.float16}).
 */
const DEVICE_DTYPES: ReadonlySet<DType> = new Set<DType>(['float32', 'bool']);
const CONTEXT_LOST = 'the WebGL context was lost (a GPU reset, a driver update or too many contexts on the page)';
const COPY_SOURCE = 'function(a) { return a[this.thread.x]; }';
/** The slice of a WebGL2 context `GpujsBackend.download` uses (this package builds without the DOM types). */
interface ReadbackContext {
  readonly FRAMEBUFFER: number;
  readonly COLOR_ATTACHMENT0: number;
  readonly TEXTURE_2D: number;
  readonly RGBA: number;
  readonly FLOAT: number;
  createFramebuffer(): unknown;
  bindFramebuffer(target: number, framebuffer: unknown): void;
  framebufferTexture2D(target: number, attachment: number, textarget: number, texture: unknown, level: number): void;
  readPixels(x: number, y: number, width: number, height: number, format: number, type: number, pixels: Float32Array): void;
}

/** Textures of fewer floats read back with gpu.js's `toArray()` (see `GpujsBackend.download`). */
const PACKED_READ_MIN = 16384;

/** The kernel packing a texture of `size` floats four to a texel (zeros past the end). */
function readPackSource(size: number): string {
  const lane = (l: number) => `let v${l} = 0.0;\n  if (t + ${lit(l)} < ${lit(size)}) { v${l} = x[t + ${lit(l)}]; }`;
  return `function(x) {\n  let t = this.thread.x * 4.0;\n  let v0 = x[t];\n  ${[1, 2, 3].map(lane).join('\n  ')}\n  return [v0, v1, v2, v3];\n}`;
}

/** GLSL: the element of a `rows`-form matrix with `c` columns under the fragment being written flat. */
function fromRowsSource(c: number): string {
  return `float fromRows() {\n  ${fragmentRowColumn(c)}\n  return texelFetch(user_x, ivec2(j >> 2, i), 0)[j & 3];\n}`;
}

/** WebGL2's `MAX_DRAW_BUFFERS` and WebGL's `MAX_TEXTURE_SIZE` parameters. */
const MAX_DRAW_BUFFERS = 0x8824;
const MAX_TEXTURE_SIZE = 0x0d33;

/** The cache key of `plan`'s kernel for `name` (four-wide kernels apart from one-wide ones). */
function kernelKey(name: string, plan: LaunchPlan): string {
  return `${name}|${plan.key}${plan.lanes ? `|x${plan.lanes}` : ''}`;
}

/** What a gpu.js kernel map returns on the GL modes: the main result and each sub-kernel's, by index. */
interface KernelMapResult {
  readonly result: DeviceHandle;
  readonly [target: number]: DeviceHandle;
}

/**
 * Runs primitives as gpu.js kernels generated from source templates, with the CPU backend as
 * the per-op fallback. Create it with `gpujs()`.
 * @example
 * registerBackend(gpujs({ mode: 'webasm' }));
 * await setBackend('gpujs');
 * (getBackend() as GpujsBackend).explain().summary;
 */
export class GpujsBackend implements Backend {
  readonly name: string;
  /** The gpu.js mode kernels run in. */
  readonly mode: GpujsMode;
  /** Why that mode was chosen, one clause per mode considered. */
  readonly modeReason: string;
  readonly strict: boolean;
  readonly cpuThreshold: number;
  /** The gpu.js instance kernels are compiled on (its `canvas` and `context` on the GL modes). */
  readonly gpu: GpuJs;
  private readonly data: DeviceStore;
  private readonly kernels = new Map<string, CompiledKernel>();
  private readonly broken = new Map<string, string>();
  /** Kernels that ran once: gpu.js builds on the first call, so later calls cannot fail to compile. */
  private readonly proven = new WeakSet<CompiledKernel>();
  private compiled = 0;
  private compiledWide = 0;
  private compiledMaps = 0;
  private packedReads = 0;
  private chains = 0;
  private hits = 0;
  private laidOut = 0;
  private flattened = 0;
  private rowsOperands = 0;
  private shared = 0;
  private readonly fallbacks = new Map<string, { primitive: string; to: GpujsFallback['to']; reason: string; count: number }>();
  private cpu: CpuBackend | undefined;
  private readFramebuffer: unknown;

  constructor(settings: GpujsBackendSettings) {
    checkSettings(settings);
    this.name = settings.name;
    this.mode = settings.mode;
    this.modeReason = settings.modeReason;
    this.gpu = settings.gpu;
    this.strict = settings.strict;
    this.cpuThreshold = settings.cpuThreshold;
    this.data = new DeviceStore(
      this.name,
      this.mode,
      (values, shape) => this.upload(values, shape),
      () => this.contextLost,
      (device, size) => this.download(device, size),
    );
  }

  /**
   * Whether the WebGL context gpu.js draws with was lost (a GPU reset, a driver update, too many
   * contexts on the page). From then on every op runs on the CPU backend, and tensors that lived
   * only on the device cannot be read.
   */
  get contextLost(): boolean {
    const gl = (this.gpu as { context?: { isContextLost?: () => boolean } | null }).context;
    return typeof gl?.isContextLost === 'function' && gl.isContextLost();
  }

  /**
   * Whether kernels may compute four output elements per thread (a launch plan's `lanes`): gpu.js
   * returns four floats per thread into one flat storage buffer only in WebGPU mode (on WebGL an
   * `Array(4)` result is an RGBA texture, a different layout from the one-float textures every
   * other kernel reads).
   */
  get wideKernels(): boolean {
    return this.mode === 'webgpu';
  }

  /**
   * The lanes an elementwise kernel over `shape` may compute per thread: 4 where
   * {@link wideKernels} allows it and the size is a multiple of 4, else undefined.
   */
  lanesFor(shape: readonly number[]): 4 | undefined {
    return this.wideKernels && sizeOf(shape) % 4 === 0 ? 4 : undefined;
  }

  /**
   * Whether elementwise kernels may read an input of the output's shape by the texel under the
   * fragment they write (`elementReads` in kernels/source.ts): WebGL2, whose GLSL has `texelFetch`.
   */
  get directReads(): boolean {
    return this.mode === 'webgl2';
  }

  /**
   * Whether `MatMul` may run as a chain of packed kernels ({@link launchChain}): on the GL modes,
   * where a texture fetch is the cost, four values per RGBA texel cut the fetches about fourfold.
   */
  get packedKernels(): boolean {
    return this.mode === 'webgl2' || this.mode === 'webgl' || this.mode === 'headlessgl';
  }

  /**
   * How many textures one kernel may write (a plan's `1 + renderTargets.length`): the WebGL2
   * context's `MAX_DRAW_BUFFERS` (at least 4 in every WebGL2); 1 on the other modes.
   */
  get renderTargets(): number {
    return this.mode === 'webgl2' ? Math.max(1, this.glParameter(MAX_DRAW_BUFFERS) ?? 1) : 1;
  }

  /**
   * Whether results may stay in another device form until a read needs them flat (WebGL2: a
   * blocked product before its unpack, a matrix in packed rows; see `Layout` in deviceStore.ts).
   */
  get layouts(): boolean {
    return this.mode === 'webgl2';
  }

  /** The other device form `t` is held in now, where {@link layouts} allows one. */
  layoutOf(t: TensorInfo): Layout | undefined {
    return this.layouts ? this.data.layoutOf(t.dataId) : undefined;
  }

  /**
   * `t` as a tensor of `shape` (as many elements) sharing its device texture, with no kernel run
   * (see `DeviceStore.share`); undefined where the storage cannot be shared and a copy is needed.
   */
  share(t: TensorInfo, shape: readonly number[]): TensorInfo | undefined {
    const dataId = this.data.share(t.dataId, shape);
    if (dataId === undefined) return undefined;
    this.shared++;
    return { dataId, shape, dtype: t.dtype };
  }

  /** The largest texture side the WebGL context takes (`MAX_TEXTURE_SIZE`); 0 on the other modes. */
  get maxTextureSize(): number {
    return this.packedKernels ? (this.glParameter(MAX_TEXTURE_SIZE) ?? 0) : 0;
  }

  /** A number the WebGL context gpu.js draws with reports for `name`, if there is one. */
  private glParameter(name: number): number | undefined {
    const gl = (this.gpu as { context?: { getParameter?: (p: number) => unknown } | null }).context;
    const value = typeof gl?.getParameter === 'function' ? gl.getParameter(name) : undefined;
    return typeof value === 'number' ? value : undefined;
  }

  /** Whether device data reads back only asynchronously (WebGPU). */
  get asyncReads(): boolean {
    return this.data.asyncReads;
  }

  write(values: Values, shape: readonly number[], dtype: DType): DataId {
    // float16 is held as float32 values that are exactly float16 ones (kernels/float16.ts).
    if (dtype === 'float16') return this.data.write(Float32Array.from(values as ArrayLike<number>, roundHalf), shape, dtype);
    return this.data.write(values, shape, dtype);
  }

  read(dataId: DataId): Promise<Values> {
    return this.data.host(dataId);
  }

  readSync(dataId: DataId): Values {
    return this.data.hostSync(dataId);
  }

  /** Whether {@link readSync} can answer now (false for WebGPU results not yet read back). */
  canReadSync(dataId: DataId): boolean {
    return this.data.hostReady(dataId);
  }

  disposeData(dataId: DataId): void {
    this.data.dispose(dataId);
  }

  memory(): GpujsMemory {
    return this.data.memory();
  }

  /** The mode and why, kernel-cache counts, and every fallback with its reason and count. */
  explain(): GpujsExplanation {
    const fallbacks = [...this.fallbacks.values()].map((f) => ({ ...f }));
    const kernels = {
      compiled: this.compiled,
      cached: this.kernels.size,
      hits: this.hits,
      wide: this.compiledWide,
      chains: this.chains,
      maps: this.compiledMaps,
      packedReads: this.packedReads,
      layouts: this.laidOut,
      flattened: this.flattened,
      rowsOperands: this.rowsOperands,
      shared: this.shared,
    };
    const lines = [
      `${this.name}: gpu.js mode '${this.mode}', float32 (precision 'single'; float16 as float32 values rounded to float16), cpuThreshold ${this.cpuThreshold}${this.strict ? ', strict' : ''}`,
      `mode: ${this.modeReason}`,
      `kernels: ${kernels.compiled} compiled${kernels.wide ? ` (${kernels.wide} four-wide)` : ''}${kernels.maps ? ` (${kernels.maps} writing several textures)` : ''}, ${kernels.cached} cached, ${kernels.hits} cache hits${kernels.chains ? `, ${kernels.chains} chains run` : ''}${kernels.packedReads ? `, ${kernels.packedReads} packed read-backs` : ''}${kernels.layouts ? `, ${kernels.layouts} results kept blocked or in packed rows (${kernels.flattened} later flattened, ${kernels.rowsOperands} products read packed rows)` : ''}${kernels.shared ? `, ${kernels.shared} reshapes shared their input's texture` : ''}`,
      ...(fallbacks.length === 0 ? ['no fallbacks so far'] : fallbacks.map((f) => `${f.primitive} → ${f.to} ×${f.count}: ${f.reason}`)),
    ];
    const { name: backend, mode, modeReason, strict, cpuThreshold } = this;
    return { backend, mode, modeReason, precision: 'single', strict, cpuThreshold, kernels, fallbacks, summary: lines.join('\n') };
  }

  /**
   * Destroys every cached kernel. On the GL modes each kernel keeps its last output texture
   * (gpu.js shares it with the tensor it returned), so up to `KERNEL_CACHE_LIMIT` textures
   * outlive their tensors until this runs; kernels compile again on next use.
   */
  releaseKernels(): void {
    for (const k of this.kernels.values()) k.destroy();
    this.kernels.clear();
  }

  /**
   * A fused elementwise program as one gpu.js kernel (the per-op templates chained); where gpu.js
   * cannot run it, it runs step by step with each op's own fallback. Undefined for dtypes other
   * than float32/bool and ops without a template (floorDiv, mod).
   */
  compileElementwise(program: ElementwiseProgram, _options?: ElementwiseCompileOptions): ElementwiseKernel | undefined {
    return compileFused(this, program);
  }

  /** Deletes every tensor's device storage and every compiled kernel, and releases gpu.js. */
  dispose(): void {
    this.data.clear();
    this.releaseKernels();
    void this.gpu.destroy();
  }

  // ---- for kernels ----

  /**
   * Runs `plan` on gpu.js, or primitive `name` on the CPU backend when `plan` is a reason
   * string, a tensor's dtype or size rules gpu.js out, or gpu.js cannot compile the source.
   * In WebGPU mode the kernel runs once its inputs are ready and the result is a pending handle.
   */
  launch<N extends CorePrimitiveName>(
    name: N,
    inputs: PrimitiveInputs<N>,
    attrs: PrimitiveAttrs<N>,
    plan: LaunchPlan | string,
  ): TensorInfo {
    const all = inputs as readonly TensorInfo[];
    const infos = typeof plan === 'string' ? all : (plan.tensors ?? all);
    return this.dispatch(name, infos, plan, (reason) => this.fallback(name, inputs, attrs, reason));
  }

  /**
   * {@link launch} for a kernel that is not one primitive (a fused elementwise program, labelled
   * `label` in `explain()`): where gpu.js cannot run it, that is recorded under `label` (to
   * `steps`) and `onFallback(reason)` computes the result, e.g. op by op with each op's own
   * kernel and fallback.
   */
  launchWith(
    label: string,
    infos: readonly TensorInfo[],
    plan: LaunchPlan | string,
    onFallback: (reason: string) => TensorInfo,
  ): TensorInfo {
    return this.dispatch(label, infos, plan, (reason) => {
      this.record(label, 'steps', reason);
      return onFallback(reason);
    });
  }

  /**
   * Runs `stages` in order on the device (each on the tensors and the outputs of the stages
   * before it, intermediates freed at the end) and returns the last stage's output as the result
   * of `name`. Where the chain cannot run as it is — the tensors' route (dtype, size, threshold,
   * a lost context), a stage gpu.js cannot build (recorded in `explain()`, to `one kernel`),
   * inputs still pending — `otherwise()` computes the result (e.g. the one-kernel form, with its
   * own fallbacks).
   */
  launchChain(
    name: CorePrimitiveName,
    tensors: readonly TensorInfo[],
    stages: readonly ChainStage[],
    otherwise: () => TensorInfo,
    tensorLayouts: readonly ('rows' | undefined)[] = [],
  ): TensorInfo {
    const last = stages.at(-1)?.plan;
    if (!last || this.contextLost || this.routeReason(tensors, last) !== undefined) return otherwise();
    if (this.asyncReads) return this.chainLater(name, tensors, stages, otherwise, last);
    const values: unknown[] = tensors.map((t, i) =>
      tensorLayouts[i] ? (this.data.layoutOf(t.dataId) as Layout).parts[0] : this.data.device(t.dataId),
    );
    if (values.some((v) => v instanceof Promise)) return otherwise();
    this.rowsOperands += tensorLayouts.filter(Boolean).length;
    const made: DeviceHandle[] = [];
    try {
      for (const [index, stage] of stages.entries()) {
        const key = kernelKey(name, stage.plan);
        const kernel = this.kernelFor(key, stage.plan);
        if (typeof kernel === 'string') return this.unchained(name, kernel, otherwise);
        const args = stage.args.map((i) => values[i]) as Parameters<CompiledKernel>;
        if (index === stages.length - 1 && stage.layout && this.layouts && this.proven.has(kernel)) {
          // Keep the result in the form the last stage reads, and convert it when a read needs it.
          const parts = args as unknown as DeviceHandle[];
          for (const part of parts) if (made.includes(part)) made.splice(made.indexOf(part), 1);
          this.chains++;
          this.laidOut++;
          const flat = () => this.flatten(key, stage.plan, parts, true);
          return {
            dataId: this.data.addLayout(last.shape, last.dtype, { kind: stage.layout, parts, flat }),
            shape: last.shape,
            dtype: last.dtype,
          };
        }
        const out = this.firstCall(key, kernel, () => kernel(...args)) as DeviceHandle | KernelMapResult | string;
        if (typeof out === 'string') return this.unchained(name, out, otherwise);
        this.noteSwap(name, kernel);
        // A kernel map's outputs: the main result, then each render target's texture.
        const map = stage.plan.renderTargets ? (out as KernelMapResult) : undefined;
        const outs = map ? [map.result, ...(stage.plan.renderTargets ?? []).map((_, i) => map[i] as DeviceHandle)] : [out as DeviceHandle];
        values.push(...outs);
        made.push(...outs);
      }
      const result = made.pop() as DeviceHandle;
      this.chains++;
      return { dataId: this.data.add(last.shape, last.dtype, { device: result }), shape: last.shape, dtype: last.dtype };
    } finally {
      for (const h of made) h.delete();
    }
  }

  /** Records that `name` ran as one kernel because a stage of its chain could not be built, and runs it so. */
  private unchained(name: CorePrimitiveName, reason: string, otherwise: () => TensorInfo): TensorInfo {
    this.record(name, 'one kernel', reason);
    return otherwise();
  }

  /**
   * {@link launchChain} on WebGPU, where kernels run once their inputs are ready: the stages run
   * in order when the tensors are, each on the results of the ones before (a four-wide stage's
   * result re-labelled as its flat buffer), and the intermediates are deleted after the last ran.
   * As with one kernel, a build failure rejects the result and is seen at the read.
   */
  private chainLater(
    name: CorePrimitiveName,
    tensors: readonly TensorInfo[],
    stages: readonly ChainStage[],
    otherwise: () => TensorInfo,
    last: LaunchPlan,
  ): TensorInfo {
    const kernels = stages.map((stage) => this.kernelFor(kernelKey(name, stage.plan), stage.plan));
    const unbuilt = kernels.find((k) => typeof k === 'string');
    if (unbuilt !== undefined) return this.unchained(name, unbuilt as string, otherwise);
    const inputs = tensors.map((t) => this.data.device(t.dataId));
    const out = settleQuietly(
      Promise.all(inputs).then(async (ready) => {
        const values: unknown[] = [...ready];
        const made: DeviceHandle[] = [];
        try {
          for (const [i, stage] of stages.entries()) {
            const kernel = kernels[i] as CompiledKernel;
            const raw = await kernel(...(stage.args.map((j) => values[j]) as Parameters<CompiledKernel>));
            this.noteSwap(name, kernel);
            const result = (stage.plan.lanes ? await flatResult(raw, sizeOf(stage.plan.shape)) : raw) as DeviceHandle;
            values.push(result);
            made.push(result);
          }
          return made.pop() as DeviceHandle;
        } finally {
          for (const h of made) h.delete();
        }
      }),
    );
    for (const t of tensors) this.data.retain(t.dataId, out);
    this.chains++;
    return { dataId: this.data.add(last.shape, last.dtype, { device: out }), shape: last.shape, dtype: last.dtype };
  }

  /** What {@link launch} and {@link launchWith} share: routing, the kernel cache, the first-call build check. */
  private dispatch(
    name: string,
    infos: readonly TensorInfo[],
    plan: LaunchPlan | string,
    onFallback: (reason: string) => TensorInfo,
  ): TensorInfo {
    const reason = typeof plan === 'string' ? plan : this.contextLost ? CONTEXT_LOST : this.routeReason(infos, plan);
    if (reason !== undefined) return onFallback(reason);
    const p = plan as LaunchPlan;
    if (p.renderTargets) throw new Error(`gpujs: ${name}: a plan with render targets runs only as a chain stage (launchChain).`);
    const key = kernelKey(name, p);
    const kernel = this.kernelFor(key, p);
    if (typeof kernel === 'string') return onFallback(kernel);
    const forms = p.inputLayouts ?? [];
    const args = [
      ...infos.flatMap((t, i): unknown[] =>
        forms[i] ? [...(this.data.layoutOf(t.dataId) as Layout).parts] : [this.data.device(t.dataId)],
      ),
      ...(p.arrays ?? []),
    ];
    const scalars = p.scalars ?? [];
    const run = (ready: readonly unknown[]) => {
      const result = kernel(...(ready as Parameters<CompiledKernel>), ...scalars);
      this.noteSwap(name, kernel);
      return p.lanes ? flatResult(result, sizeOf(p.shape)) : result;
    };
    let out: Device;
    if (this.asyncReads || args.some((a) => a instanceof Promise)) {
      // WebGPU builds asynchronously: a build failure rejects the result, seen at the read.
      out = settleQuietly(Promise.all(args).then((ready) => run(ready) as DeviceHandle | Promise<DeviceHandle>));
      for (const t of infos) this.data.retain(t.dataId, out);
    } else {
      const ran = this.firstCall(key, kernel, () => run(args));
      if (typeof ran === 'string') return onFallback(ran);
      out = ran as Device;
    }
    if (p.outputLayout) {
      let dataId: DataId;
      try {
        dataId = this.rowsResult(p, out as DeviceHandle);
      } catch (err) {
        return onFallback(err instanceof Error ? err.message : String(err));
      }
      return { dataId, shape: p.shape, dtype: p.dtype };
    }
    return { dataId: this.data.add(p.shape, p.dtype, { device: out }), shape: p.shape, dtype: p.dtype };
  }

  /**
   * Stores `rows`, a matrix `plan.shape` in the rows form, converted to the flat texture when a
   * read needs it. The first time (the conversion kernel not yet run) it is converted at once and
   * kept in both forms, so that a conversion gpu.js cannot build throws here, where the caller
   * falls back, and not at some later read (`rows` is then deleted).
   */
  private rowsResult(plan: LaunchPlan, rows: DeviceHandle): DataId {
    const [r, c] = plan.shape as [number, number];
    const key = `rows>flat|${r}|${c}`;
    const convert: LaunchPlan = {
      key: '',
      shape: plan.shape,
      dtype: plan.dtype,
      source: () => 'function(x) {\n  return fromRows();\n}',
      natives: [{ name: 'fromRows', source: fromRowsSource(c), returnType: 'Number' }],
    };
    const layout: Layout = { kind: 'rows', parts: [rows], flat: () => this.flatten(key, convert, [rows], true) };
    const kernel = this.kernelFor(key, convert);
    let flat: DeviceHandle | undefined;
    if (typeof kernel === 'string' || !this.proven.has(kernel)) {
      try {
        flat = this.flatten(key, convert, [rows], false);
      } catch (err) {
        rows.delete();
        throw err;
      }
    }
    this.laidOut++;
    return this.data.addLayout(plan.shape, plan.dtype, layout, flat);
  }

  /** Runs the kernel converting a result's other form (`parts`) to its flat texture (`forRead`: counted in `explain()`). */
  private flatten(key: string, plan: LaunchPlan, parts: readonly DeviceHandle[], forRead: boolean): DeviceHandle {
    if (forRead) this.flattened++;
    const kernel = this.kernelFor(key, plan);
    const out = typeof kernel === 'string' ? kernel : this.firstCall(key, kernel, () => kernel(...(parts as Parameters<CompiledKernel>)));
    if (typeof out === 'string') throw new Error(`gpujs: cannot convert a result kept blocked or in packed rows to a flat texture: ${out}`);
    return out as DeviceHandle;
  }

  /**
   * Calls `kernel` (cached under `key`) through `call`. gpu.js translates and compiles a kernel
   * on its first call, so a throw there means it cannot take the source: the kernel is dropped,
   * remembered as broken, and the reason returned. Later throws are real errors.
   */
  private firstCall(key: string, kernel: CompiledKernel, call: () => unknown): unknown {
    let out: unknown;
    if (this.proven.has(kernel)) out = call();
    else {
      try {
        out = call();
      } catch (err) {
        const why = `gpu.js could not build the generated kernel (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
        this.kernels.delete(key);
        kernel.destroy();
        this.broken.set(key, why);
        return why;
      }
      this.proven.add(kernel);
    }
    return out;
  }

  /** Records against `name` that gpu.js swapped `kernel` for its own JS kernel, when it did. */
  private noteSwap(name: string, kernel: CompiledKernel): void {
    if (kernel.fallbackReason) this.record(name, 'gpu.js cpu', `gpu.js replaced the kernel by its own JS kernel: ${kernel.fallbackReason}`);
  }

  /**
   * Runs primitive `name` with the CPU backend's kernel on host copies of the inputs; recorded
   * and announced. With inputs still pending on WebGPU, the output shape comes from running the
   * kernel on zeros now (which also raises its argument errors now) and the values once the
   * inputs are read back.
   */
  fallback<N extends CorePrimitiveName>(name: N, inputs: PrimitiveInputs<N>, attrs: PrimitiveAttrs<N>, reason: string): TensorInfo {
    if (this.strict) throw new Error(`gpujs (strict): ${name} would run on the CPU backend because ${reason}.`);
    const infos = inputs as readonly TensorInfo[];
    let out: { shape: readonly number[]; dtype: DType; values: Values };
    let host: Values | Promise<Values>;
    if (infos.every((t) => this.data.hostReady(t.dataId))) {
      out = this.runOnCpu(
        name,
        infos,
        infos.map((t) => this.data.hostSync(t.dataId)),
        attrs,
      );
      host = out.values;
    } else {
      out = this.runOnCpu(
        name,
        infos,
        infos.map((t) => makeValues(t.dtype, sizeOf(t.shape))),
        attrs,
      );
      const pending = Promise.all(infos.map((t) => this.data.host(t.dataId)));
      host = settleQuietly(pending.then((values) => this.runOnCpu(name, infos, values, attrs).values));
      for (const t of infos) this.data.retain(t.dataId, host);
    }
    this.record(name, 'cpu', reason);
    const dataId = host instanceof Promise ? this.data.add(out.shape, out.dtype, { host }) : this.data.write(host, out.shape, out.dtype);
    return { dataId, shape: out.shape, dtype: out.dtype };
  }

  private runOnCpu<N extends CorePrimitiveName>(
    name: N,
    infos: readonly TensorInfo[],
    values: readonly Values[],
    attrs: PrimitiveAttrs<N>,
  ): { shape: readonly number[]; dtype: DType; values: Values } {
    const cpu = (this.cpu ??= new CpuBackend(`${this.name}-fallback`));
    const kernel = cpuKernels[name] as unknown as KernelFunc<N, CpuBackend>;
    const handed = infos.map((t, i) => ({ ...t, dataId: cpu.write(values[i]!, t.shape, t.dtype) }));
    let out: TensorInfo | undefined;
    try {
      out = kernel(cpu, handed as PrimitiveInputs<N>, attrs);
      return { shape: out.shape, dtype: out.dtype, values: cpu.values(out) };
    } finally {
      for (const t of handed) cpu.disposeData(t.dataId);
      if (out) cpu.disposeData(out.dataId);
      // The pool may now hold our arrays: never let the CPU backend write into them.
      cpu.releasePool();
    }
  }

  private routeReason(inputs: readonly TensorInfo[], plan: LaunchPlan): string | undefined {
    for (const d of [...inputs.map((t) => t.dtype), plan.dtype]) {
      if (d === 'float16' && !plan.float16) {
        return "float16 runs on the device only in kernels that keep it exact (a float32 result would not be rounded to float16); this one keeps the CPU backend's float16 rounding";
      }
      if (d !== 'float16' && !DEVICE_DTYPES.has(d)) {
        return d === 'int32'
          ? 'int32 is not exact in float32 shaders beyond ±2^24 (precision: single), so int32 ops keep the CPU semantics'
          : `${d} has no float32 encoding on gpu.js (precision: single)`;
      }
    }
    const sizes = [...inputs.map((t) => sizeOf(t.shape)), sizeOf(plan.shape)];
    if (sizes.includes(0)) return 'a tensor is empty (a gpu.js kernel needs at least one output element)';
    const largest = Math.max(...sizes);
    if (largest > MAX_DEVICE_ELEMENTS) return `a tensor has more than ${MAX_DEVICE_ELEMENTS} elements (the float32 index-arithmetic limit)`;
    if (this.cpuThreshold === Number.POSITIVE_INFINITY) {
      return `the '${this.mode}' mode runs no op faster than the CPU backend (measured), so cpuThreshold is Infinity; pass cpuThreshold: 0 to run gpu.js kernels anyway`;
    }
    if (largest < this.cpuThreshold) return `every tensor is below cpuThreshold (${this.cpuThreshold} elements), where the CPU is faster`;
    return undefined;
  }

  private kernelFor(key: string, plan: LaunchPlan): CompiledKernel | string {
    const cached = this.kernels.get(key);
    if (cached) {
      this.hits++;
      this.kernels.delete(key);
      this.kernels.set(key, cached);
      return cached;
    }
    const broken = this.broken.get(key);
    if (broken) return broken;
    const size = sizeOf(plan.shape);
    if (plan.lanes && (!this.wideKernels || size % plan.lanes !== 0)) {
      throw new Error(
        `gpujs: a ${plan.lanes}-wide kernel needs WebGPU mode and a size divisible by ${plan.lanes}, but got mode '${this.mode}' and size ${size}.`,
      );
    }
    try {
      const settings = {
        output: plan.grid ? [...plan.grid] : [size / (plan.lanes ?? 1)],
        precision: 'single' as const,
        tactic: 'precision' as const,
        // Results stay on the device (textures/buffers on GL/WebGPU), each call a new one.
        pipeline: true,
        immutable: true,
        // Every loop has a literal bound; this only lifts gpu.js's default cap of 1000.
        loopMaxIterations: Math.max(1000, ...(plan.loops ?? [])),
        ...(plan.natives ? { nativeFunctions: plan.natives.map((f) => ({ ...f })) } : {}),
      };
      const kernel = (plan.renderTargets
        ? this.gpu.createKernelMap([...plan.renderTargets], plan.source(), settings)
        : this.gpu.createKernel(plan.source(), settings)) as unknown as CompiledKernel;
      this.compiled++;
      if (plan.lanes) this.compiledWide++;
      if (plan.renderTargets) this.compiledMaps++;
      this.kernels.set(key, kernel);
      if (this.kernels.size > KERNEL_CACHE_LIMIT) {
        const [oldKey, old] = this.kernels.entries().next().value as [string, CompiledKernel];
        this.kernels.delete(oldKey);
        old.destroy();
      }
      return kernel;
    } catch (err) {
      const reason = `gpu.js could not compile the generated kernel (${err instanceof Error ? err.message : String(err)})`;
      this.broken.set(key, reason);
      return reason;
    }
  }

  private record(primitive: string, to: GpujsFallback['to'], reason: string): void {
    const key = `${primitive}\u0000${to}\u0000${reason}`;
    const seen = this.fallbacks.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    this.fallbacks.set(key, { primitive, to, reason, count: 1 });
    emit({ type: 'fallback', backend: this.name, primitive, to, reason });
  }

  /**
   * Reads a WebGL2 texture of `size` floats back four to a texel: a kernel packs it into an RGBA
   * texture a quarter the size, read with one `readPixels` straight into the result, where gpu.js's
   * `toArray()` reads every texel's four channels and keeps one. Measured in headless Chromium
   * (SwiftShader): 1M floats 28.6 → 9.4 ms, 200,704 4.5 → 3.0 ms; at 1000 it is no faster, so
   * textures under {@link PACKED_READ_MIN} floats (and the other modes) keep `toArray()`.
   */
  private download(device: DeviceHandle, size: number): Float32Array | undefined {
    const gl = (this.gpu as { context?: ReadbackContext | null }).context;
    if (this.mode !== 'webgl2' || size < PACKED_READ_MIN || !gl || this.contextLost) return undefined;
    const key = `read|${size}`;
    const pack = this.kernelFor(key, { key: '', shape: [Math.ceil(size / 4)], dtype: 'float32', source: () => readPackSource(size) });
    if (typeof pack === 'string') return undefined;
    const packed = this.firstCall(key, pack, () => pack(device)) as
      | { texture?: unknown; size?: ArrayLike<number>; delete(): void }
      | string;
    if (typeof packed === 'string') return undefined;
    try {
      const [w, h] = [packed.size?.[0] ?? 0, packed.size?.[1] ?? 0];
      if (!packed.texture || w * h * 4 < size) return undefined;
      this.readFramebuffer ??= gl.createFramebuffer();
      gl.bindFramebuffer(gl.FRAMEBUFFER, this.readFramebuffer);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, packed.texture, 0);
      const all = new Float32Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.FLOAT, all);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      this.packedReads++;
      return all.length === size ? all : all.subarray(0, size);
    } finally {
      packed.delete();
    }
  }

  /** Moves a float32 array to a texture/buffer with a copy kernel. */
  private upload(values: Float32Array, shape: readonly number[]): Device {
    const copy = this.kernelFor(`upload|${values.length}`, { key: '', shape, dtype: 'float32', source: () => COPY_SOURCE });
    if (typeof copy === 'string') throw new Error(`gpujs: cannot upload a tensor to the device: ${copy}`);
    return copy(values) as Device;
  }
}
