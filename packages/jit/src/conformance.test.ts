import { cpu } from '@mindts/backend-cpu';
import { wasm } from '@mindts/backend-wasm';
import { type ConformanceCase, compareResults, conformanceCases, type ResultData, readResults, toleranceOf } from '@mindts/ops/testing';
import { listBackends, memory, registerBackend, setBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type JitOptions, jit } from './index.js';
import { replayResults } from './testing/index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
});

async function jitResults(c: ConformanceCase, backend: string, options: JitOptions): Promise<{ results: ResultData[]; kernels: number }> {
  await setBackend(backend);
  const { results, stats } = await replayResults(c, options);
  return { results, kernels: stats.kernelsPerCall };
}

// Every shared conformance case, jitted and replayed, against the eager CPU oracle. Constant
// folding is off (replayResults' default) so the replay computes everything: the cases build
// their inputs from host data, which would otherwise fold the whole case at compile time.
const variants: { name: string; backend: string; options: JitOptions }[] = [
  { name: 'cpu, fused (generated loops)', backend: 'cpu', options: {} },
  { name: 'cpu, fused (interpreter, no code generation)', backend: 'cpu', options: { codegen: false } },
  { name: 'cpu, all passes (folded at compile time)', backend: 'cpu', options: { passes: { fold: true } } },
  { name: 'wasm, fused', backend: 'wasm', options: {} },
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
      const fused = await jitResults(c, 'cpu', {});
      if (fused.kernels < eager.stats().kernelsPerCall) fewer++;
      eager.clear();
    }
    expect(fewer).toBeGreaterThan(20);
  });
});
