/**
 * The checks of `new GpujsBackend(settings)`, made before anything is set up: the backend's
 * constructor is part of the backend-author API, and `gpujs()` is what users call.
 */
import { describeType } from '@mindts/tensor';
import type { GpujsBackendSettings } from './gpujsBackend.js';

const MODES: ReadonlySet<unknown> = new Set(['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu']);

/** Throws a TypeError or RangeError naming the field of `settings` that is wrong. */
export function checkSettings(settings: GpujsBackendSettings): void {
  const fail = (field: string, expected: string, value: unknown): TypeError =>
    new TypeError(`GpujsBackend: settings.${field} must be ${expected}, but got ${describeType(value)}.`);
  if (settings === null || typeof settings !== 'object') {
    throw new TypeError(
      `GpujsBackend: settings must be an object { name, mode, modeReason, gpu, strict, cpuThreshold }, but got ${describeType(settings)}.`,
    );
  }
  const s = settings as Partial<Record<keyof GpujsBackendSettings, unknown>>;
  if (typeof s.name !== 'string' || s.name === '') throw fail('name', 'a non-empty string', s.name);
  if (!MODES.has(s.mode)) throw fail('mode', `one of ${[...MODES].join(', ')}`, s.mode);
  if (typeof s.modeReason !== 'string') throw fail('modeReason', 'a string', s.modeReason);
  const gpu = s.gpu as { createKernel?: unknown; destroy?: unknown } | null | undefined;
  if (gpu === null || typeof gpu !== 'object' || typeof gpu.createKernel !== 'function' || typeof gpu.destroy !== 'function') {
    throw fail('gpu', 'a gpu.js GPU instance (with createKernel and destroy)', s.gpu);
  }
  if (typeof s.strict !== 'boolean') throw fail('strict', 'a boolean', s.strict);
  const t = s.cpuThreshold;
  if (typeof t !== 'number' || Number.isNaN(t) || t < 0) {
    throw new RangeError(
      `GpujsBackend: settings.cpuThreshold must be a number >= 0, but got ${typeof t === 'number' ? t : describeType(t)}.`,
    );
  }
}
