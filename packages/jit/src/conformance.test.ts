import { cpu } from '@mindts/backend-cpu';
import { wasm } from '@mindts/backend-wasm';
import { type ConformanceCase, compareResults, conformanceCases, type ResultData, readResults, toleranceOf } from '@mindts/ops/testing';
import { listBackends, memory, registerBackend, setBackend, Tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type JitOptions, jit } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
});

/** The case jitted: traced on the first call, its second call replayed; read back and the graph dropped. */
async function jitResults(c: ConformanceCase, backend: string, options: JitOptions): Promise<{ results: ResultData[]; kernels: number }> {
  await setBackend(backend);
  const f = jit(c.run, options);
  tidy(() => {
    f();
  });
  const outs = tidy(() => {
    const r = f();
    return r instanceof Tensor ? [r] : [...r];
  });
  try {
    const results = await Promise.all(outs.map(async (t) => ({ shape: [...t.shape], dtype: t.dtype, values: (await t.data()).slice() })));
    return { results, kernels: f.stats().kernelsPerCall };
  } finally {
    for (const t of outs) t.dispose();
    f.clear();
  }
}

// Every shared conformance case, jitted and replayed, against the eager CPU oracle. Constant
// folding is off so the replay computes everything (the cases build their inputs from host
// data, which would otherwise fold the whole case into constants at compile time).
const variants: { name: string; backend: string; options: JitOptions }[] = [
  { name: 'cpu, fused (generated loops)', backend: 'cpu', options: { passes: { fold: false } } },
  { name: 'cpu, fused (interpreter, no code generation)', backend: 'cpu', options: { passes: { fold: false }, codegen: false } },
  { name: 'cpu, all passes (folded at compile time)', backend: 'cpu', options: {} },
  { name: 'wasm, fused', backend: 'wasm', options: { passes: { fold: false } } },
];

for (const v of variants) {
  describe(`jit conformance: ${v.name}`, () => {
    for (const c of conformanceCases) {
      it(c.name, async () => {
        const expected = await readResults(c, 'cpu');
        const before = memory().numTensors;
        const { results } = await jitResults(c, v.backend, v.options);
        expect(compareResults(results, expected, toleranceOf(c))).toEqual([]);
        expect(memory().numTensors).toBe(before);
      });
    }
  });
}

describe('jit conformance: fusion happened', () => {
  it('fused some elementwise chains of the suite into single kernels', async () => {
    let fewer = 0;
    for (const c of conformanceCases) {
      const eager = jit(c.run, { passes: { fold: false, fuse: false } });
      eager();
      eager();
      const fused = await jitResults(c, 'cpu', { passes: { fold: false } });
      if (fused.kernels < eager.stats().kernelsPerCall) fewer++;
      eager.clear();
    }
    expect(fewer).toBeGreaterThan(20);
  });
});
