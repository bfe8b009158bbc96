/**
 * Where the gpu.js backend keeps tensors. A tensor has a host form (the dtype's compute-form
 * typed array), a device form (float32 array, texture or buffer; bool as 0/1), or both; each is
 * made from the other only when needed, so data stays on the device between gpu.js kernels. In
 * WebGPU mode gpu.js kernels resolve asynchronously, so either form may still be a Promise.
 */
import type { DType, Values } from '@mindts/tensor';
import { bytesPerElement } from '@mindts/tensor';
import { type BackendMemory, type DataId, makeValues } from '@mindts/tensor/backend';
import { type DeviceData, type DeviceHandle, type GpujsMode, isHandle } from './gpujsModule.js';

/** A device form, possibly still being computed (WebGPU). */
export type Device = DeviceData | Promise<DeviceHandle>;
/** A host form, possibly still being computed (a CPU fallback on WebGPU inputs). */
export type Host = Values | Promise<Values>;

/**
 * A WebGL2 device form other than one float per texel, which kernels that know it read as it is
 * and everything else reads after `flat()` converts it (once; the parts are then deleted):
 * - `blocked`: a blocked MatMul's product `[m, n]` before its unpack: four RGBA textures, texel
 *   (bj, bi) of part o holding row 4·bi + o, columns 4·bj … 4·bj + 3;
 * - `rows`: a matrix `[r, c]` (c a multiple of 4) as one RGBA texture of `c/4 × r` texels, texel
 *   (q, i) holding row i, columns 4q … 4q + 3: the packed rows a MatMul operand is made of.
 */
export interface Layout {
  readonly kind: 'blocked' | 'rows';
  readonly parts: readonly DeviceHandle[];
  /** Converts the parts to the one-float-per-texel texture (a kernel run). */
  readonly flat: () => DeviceHandle;
}

interface Stored {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  host: Host | undefined;
  device: Device | undefined;
  /** Pending kernels reading this tensor (WebGPU): its buffer is deleted only after they ran. */
  readers: Promise<unknown>[] | undefined;
  /** Another device form (WebGL2), until a read needs the flat one. */
  layout: Layout | undefined;
}

/**
 * Storage this backend holds: `bytes`/`buffers` as every backend reports them (all tensors),
 * split into device bytes and host copies.
 * @example
 * const m: GpujsMemory = (getBackend() as GpujsBackend).memory();
 * console.log(m.deviceBytes, m.hostBytes);
 */
export interface GpujsMemory extends BackendMemory {
  /** Bytes of float32 device storage (arrays, textures, buffers). */
  readonly deviceBytes: number;
  /** Bytes of host copies (tensors written from JS or made by the CPU fallback, read caches). */
  readonly hostBytes: number;
  /** Device arrays, textures and buffers held. */
  readonly deviceBuffers: number;
}

const noop = () => {};

/** Marks a pending value handled (readers still see a rejection) and returns it. */
export function settleQuietly<T>(p: Promise<T>): Promise<T> {
  p.catch(noop);
  return p;
}

/**
 * The tensors of one gpu.js backend, keyed by data handle.
 * @example
 * const store = new DeviceStore('gpujs', 'webasm', upload);
 */
export class DeviceStore {
  private store = new WeakMap<DataId, Stored>();
  private live = new Set<Stored>();

  /**
   * `upload` moves a float32 array to the device (a copy kernel on the texture modes); `download`
   * reads a texture back faster than gpu.js's `toArray()` where it can (undefined: it cannot).
   */
  constructor(
    private readonly owner: string,
    readonly mode: GpujsMode,
    private readonly upload: (values: Float32Array, shape: readonly number[]) => Device,
    private readonly lost: () => boolean = () => false,
    private readonly download: (device: DeviceHandle, size: number) => Float32Array | undefined = () => undefined,
  ) {}

  /** Whether the device form is a texture/buffer rather than a JS array. */
  get textures(): boolean {
    return this.mode !== 'webasm' && this.mode !== 'cpu';
  }

  /** Whether device data reads back only asynchronously (WebGPU). */
  get asyncReads(): boolean {
    return this.mode === 'webgpu';
  }

  /** A new tensor with the given forms. */
  add(shape: readonly number[], dtype: DType, forms: { host?: Host; device?: Device }): DataId {
    const id = {};
    const s: Stored = {
      shape,
      dtype,
      size: shape.reduce((a, b) => a * b, 1),
      host: forms.host,
      device: forms.device,
      readers: undefined,
      layout: undefined,
    };
    this.store.set(id, s);
    this.live.add(s);
    return id;
  }

  /** Stores host values; a float32 array is the device form itself on the array modes. */
  write(values: Values, shape: readonly number[], dtype: DType): DataId {
    const direct = dtype === 'float32' && !this.textures && values instanceof Float32Array;
    return this.add(shape, dtype, direct ? { device: values } : { host: values });
  }

  /**
   * A new tensor held in another device form ({@link Layout}) until a read needs the flat one;
   * with `flat`, in both forms from the start.
   */
  addLayout(shape: readonly number[], dtype: DType, layout: Layout, flat?: DeviceHandle): DataId {
    const id = this.add(shape, dtype, flat ? { device: flat } : {});
    this.get(id).layout = layout;
    return id;
  }

  /** The tensor's other device form, if it has one now. */
  layoutOf(dataId: DataId): Layout | undefined {
    return this.get(dataId).layout;
  }

  /** The device form of a tensor, uploading it on first use (or converting its other form). */
  device(dataId: DataId): Device {
    const s = this.get(dataId);
    if (s.device) return s.device;
    if (s.layout) return flatten(s);
    const host = s.host as Host;
    if (host instanceof Promise) {
      s.device = settleQuietly(host.then((v) => this.upload(toFloat32(v), s.shape) as DeviceHandle | Promise<DeviceHandle>));
      return s.device;
    }
    const array = toFloat32(host);
    if (!this.textures) {
      s.device = array;
      // A float32 tensor's device array is its host form too: keep one copy.
      if (host === array) s.host = undefined;
      return array;
    }
    s.device = this.upload(array, s.shape);
    return s.device;
  }

  /**
   * A new tensor of `shape` (the same number of elements) sharing `dataId`'s device texture, where
   * that costs no kernel: on the GL modes every tensor's texture holds element i at the texel for
   * flat index i whatever the shape, and gpu.js counts a texture's handles (`clone()`; each
   * `delete()` drops one, the last frees it; a kernel never draws into a texture another handle
   * holds), so disposing either tensor leaves the other valid. Nothing writes a tensor's device
   * storage in place, so sharing it is safe. A tensor held in another form ({@link Layout}) is
   * converted to its flat texture first (one kernel, which the tensor keeps). Undefined (the
   * caller copies) on the other modes, for a texture still pending, without a device form, or
   * for dtypes whose texture is not exact (int32 past 2^24: the host form is the truth there).
   */
  share(dataId: DataId, shape: readonly number[]): DataId | undefined {
    if (!this.textures || this.asyncReads || this.lost()) return undefined;
    const s = this.get(dataId);
    if ((s.dtype !== 'float32' && s.dtype !== 'float16' && s.dtype !== 'bool') || (!s.device && !s.layout)) return undefined;
    const device = this.device(dataId);
    if (device instanceof Promise || !isHandle(device)) return undefined;
    const clone = (device as { clone?: () => DeviceHandle }).clone;
    if (typeof clone !== 'function') return undefined;
    return this.add(shape, s.dtype, { device: clone.call(device) });
  }

  /** Whether {@link hostSync} can answer without waiting for the device. */
  hostReady(dataId: DataId): boolean {
    const s = this.get(dataId);
    if (s.host) return !(s.host instanceof Promise);
    return !this.asyncReads || s.device instanceof Float32Array;
  }

  /** The host form, read back synchronously on first use; throws in WebGPU mode while it is on the device. */
  hostSync(dataId: DataId): Values {
    const s = this.get(dataId);
    if (s.host && !(s.host instanceof Promise)) return s.host;
    const device = s.layout && !s.device && !this.lost() ? flatten(s) : s.device;
    if (device instanceof Float32Array) return s.dtype === 'float32' ? device : (s.host = fromFloat32(s, device));
    if (this.lost()) {
      throw new Error(
        `gpujs: this tensor lived only on the device, and the WebGL context was lost: its values are gone. Recreate it from host data (the backend now runs every op on the CPU).`,
      );
    }
    if (this.asyncReads || !device || device instanceof Promise || s.host instanceof Promise) {
      throw new Error(
        `gpujs: the '${this.mode}' mode reads tensors back asynchronously; use \`await t.data()\` (or \`await t.array()\`) instead of dataSync()/arraySync().`,
      );
    }
    s.host = fromFloat32(s, this.download(device, s.size) ?? (device.toArray() as ArrayLike<number>));
    return s.host;
  }

  /** The host form, awaiting the device where needed. */
  async host(dataId: DataId): Promise<Values> {
    const s = this.get(dataId);
    if (s.host) return (s.host = await s.host);
    if (s.layout && !s.device) return this.hostSync(dataId);
    const device = await s.device;
    if (device instanceof Float32Array || !device || this.lost()) return this.hostSync(dataId);
    return (s.host = fromFloat32(s, this.download(device, s.size) ?? ((await device.toArray()) as ArrayLike<number>)));
  }

  /** Keeps the tensor's device storage alive until `use` (a pending kernel reading it) settles. */
  retain(dataId: DataId, use: Promise<unknown>): void {
    const s = this.get(dataId);
    (s.readers ??= []).push(use);
  }

  /** Frees a tensor: textures and buffers are deleted now, or once computed and no pending kernel reads them. */
  dispose(dataId: DataId): void {
    const s = this.store.get(dataId);
    if (!s) return;
    this.store.delete(dataId);
    this.live.delete(s);
    const device = s.device;
    if (s.readers) void Promise.allSettled(s.readers).then(() => release(device));
    else release(device);
    for (const part of s.layout?.parts ?? []) part.delete();
    s.readers = undefined;
    s.device = undefined;
    s.layout = undefined;
    s.host = undefined;
  }

  /** Storage held (a texture shared by several tensors, see {@link share}, counted once). */
  memory(): GpujsMemory {
    let deviceBytes = 0;
    let hostBytes = 0;
    let deviceBuffers = 0;
    const seen = new Set<unknown>();
    for (const s of this.live) {
      const texture = (s.device as { texture?: unknown } | undefined)?.texture;
      const counted = texture !== undefined && seen.has(texture);
      if (texture !== undefined) seen.add(texture);
      if ((s.device || s.layout) && !counted) {
        deviceBytes += s.size * 4;
        deviceBuffers++;
      }
      if (s.host) hostBytes += s.host instanceof Promise ? s.size * bytesPerElement(s.dtype) : s.host.byteLength;
    }
    return { bytes: deviceBytes + hostBytes, buffers: this.live.size, deviceBytes, hostBytes, deviceBuffers };
  }

  /** Frees every tensor. */
  clear(): void {
    for (const s of this.live) {
      release(s.device);
      for (const part of s.layout?.parts ?? []) part.delete();
    }
    this.live = new Set();
    this.store = new WeakMap();
  }

  get(dataId: DataId): Stored {
    const s = this.store.get(dataId);
    if (!s) throw new Error(`Backend '${this.owner}' holds no data for this tensor; it was disposed or belongs to another backend.`);
    return s;
  }
}

/** Converts `s`'s other form to its flat texture, which replaces it. */
function flatten(s: Stored): DeviceHandle {
  const layout = s.layout as Layout;
  const flat = layout.flat();
  s.device = flat;
  s.layout = undefined;
  for (const part of layout.parts) part.delete();
  return flat;
}

function release(device: Device | undefined): void {
  if (device instanceof Promise) device.then((h) => h.delete(), noop);
  else if (device && isHandle(device)) device.delete();
}

function toFloat32(values: Values): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

function fromFloat32(s: Stored, raw: ArrayLike<number>): Values {
  const values = makeValues(s.dtype, s.size);
  for (let i = 0; i < s.size; i++) values[i] = raw[i]!;
  return values;
}
