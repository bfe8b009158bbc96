import { cpu } from '@mindts/backend-cpu';
import { type GpujsBackend, gpujs } from '@mindts/backend-gpujs';
import { compareResults } from '@mindts/ops/testing';
import { fromValues, getBackend, listBackends, registerBackend, setBackend, tensor, tidy } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mish, mishSource, registerPluginExample } from '../index.js';

// gpu.js in Node: 'cpu' is its JS mode and 'webasm' its WebAssembly mode; both run the generated
// kernel source (cpuThreshold 0, so no op is forwarded to the CPU for being small). The GL and
// WebGPU modes run the same source in the repository's browser and headless-gl suites.
const MODES = ['cpu', 'webasm'] as const;

/**
 * float32 shader arithmetic against the float64 reference rounded to float32. Relative, because
 * the tails are tiny (mish(−20) ≈ −4e-8) and a template without its series would get them
 * wholly wrong there: measured worst 7.1e-6 (webasm, at x ≈ −4.56 where `log(1 + e)` with
 * e ≈ 0.0104 loses the most digits before the series takes over), 1.9e-7 in the JS mode. The
 * tiny atol lets GPUs flush float32 denormals (|mish(x)| < 1.2e-38 for x < −87) to zero.
 */
const TOLERANCE = { atol: 1e-12, rtol: 2e-5 };

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  for (const mode of MODES) registerBackend(gpujs({ name: `gpujs-${mode}`, mode, cpuThreshold: 0 }));
  registerBackend(gpujs({ name: 'gpujs-strict', mode: 'cpu', strict: true }));
  registerPluginExample({ gpujs: [...MODES.map((m) => `gpujs-${m}`), 'gpujs-strict'] });
});

afterAll(() => setBackend('cpu'));

/** Inputs over every branch of the template: both tails, the series regions and the bend. */
function inputs(): number[] {
  const grid = [-90, -40, -20, -10, -5, -4.6, -2, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 2, 4.6, 5, 10, 20, 40, 90];
  const random = Array.from({ length: 300 }, (_, i) => randomValue('uniform', 11, 0, i, -12, 12));
  return [...grid, ...random];
}

async function run(backend: string, values: number[], dtype: 'float16' | 'float32' | 'float64' = 'float32') {
  await setBackend(backend);
  const y = tidy(() => mish(fromValues(values, [values.length], dtype)));
  return { shape: y.shape, dtype: y.dtype, values: await y.data() };
}

describe.each(MODES)('Mish on gpu.js mode %s', (mode) => {
  const name = `gpujs-${mode}`;

  it('agrees with the CPU kernel within the stated tolerance, on the device', async () => {
    const xs = inputs();
    const reference = await run('cpu', xs);
    await setBackend(name);
    const b = getBackend() as GpujsBackend;
    const compiled = b.explain().kernels.compiled;
    const got = await run(name, xs);
    expect(compareResults([got], [reference], TOLERANCE)).toEqual([]);
    // The template was compiled and ran: nothing went to the host.
    expect(b.explain().kernels.compiled).toBe(compiled + 1);
    expect(b.explain().fallbacks.filter((f) => f.primitive === 'Mish')).toEqual([]);
  });

  it('compiles once per size and reuses the kernel', async () => {
    await setBackend(name);
    const b = getBackend() as GpujsBackend;
    const x = tensor(new Float32Array(7).fill(0.5), 'float32');
    tidy(() => mish(x));
    const before = b.explain().kernels;
    tidy(() => mish(x));
    tidy(() => mish(tensor(new Float32Array(7).fill(-2), 'float32')));
    expect(b.explain().kernels.compiled).toBe(before.compiled);
    expect(b.explain().kernels.hits).toBeGreaterThanOrEqual(before.hits + 2);
  });

  // float64 has no float32 form; a plugin's float16 result would not be rounded to float16.
  it.each([
    ['float64', 'float64 has no float32 encoding on gpu.js (precision: single)'],
    [
      'float16',
      "float16 runs on the device only in kernels that keep it exact (a float32 result would not be rounded to float16); this one keeps the CPU backend's float16 rounding",
    ],
  ] as const)("runs %s on the host with the CPU kernel's values, and records why", async (dtype, reason) => {
    const xs = [-3, -0.5, 0, 0.3, 3];
    const reference = await run('cpu', xs, dtype);
    const got = await run(name, xs, dtype);
    expect(got.dtype).toBe(dtype);
    expect(Array.from(got.values)).toEqual(Array.from(reference.values));
    const reasons = (getBackend() as GpujsBackend)
      .explain()
      .fallbacks.filter((f) => f.primitive === 'Mish')
      .map((f) => f.reason);
    expect(reasons).toContain(reason);
  });
});

describe('Mish on gpu.js, strict', () => {
  it('makes a host fallback an error that says why', async () => {
    await setBackend('gpujs-strict');
    const x = tensor([1, 2], 'float64');
    expect(() => mish(x)).toThrow('gpujs (strict): Mish would run on the host because float64 has no float32 encoding on gpu.js');
  });

  it('runs float32 on the device without complaint', async () => {
    await setBackend('gpujs-strict');
    const y = mish(tensor([1, -1], 'float32'));
    expect(Array.from(await y.data())).toEqual([expect.closeTo(0.8650984, 6), expect.closeTo(-0.3034015, 6)]);
  });
});

describe('the kernel source', () => {
  it('is a generated string with the template, not a serialised function', () => {
    const source = mishSource();
    expect(source.startsWith('function(a) {\n  let v = a[this.thread.x];')).toBe(true);
    expect(source).toContain('let y = v * th;');
    expect(source.trimEnd().endsWith('return y;\n}')).toBe(true);
  });
});
