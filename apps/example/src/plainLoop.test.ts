/**
 * MindSpore's quickstart training loop, written as MindSpore users write it: no `tidy`, no
 * `dispose` (quickstart/quickstartLoop.ts). Live tensors and bytes must stay flat on every backend.
 */
import { cpu } from '@mindts/backend-cpu';
import { gpujs } from '@mindts/backend-gpujs';
import { wasm } from '@mindts/backend-wasm';
import { listBackends, ready, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { runQuickstart } from './quickstart/quickstartCommand.js';
import { quickstartLoop } from './quickstart/quickstartLoop.js';

const BACKENDS: [string, () => void][] = [
  ['loop-cpu', () => registerBackend(cpu({ name: 'loop-cpu' }))],
  ['loop-wasm', () => registerBackend(wasm({ name: 'loop-wasm', threads: 1 }))],
  ['loop-gpujs', () => registerBackend(gpujs({ name: 'loop-gpujs', mode: 'webasm', cpuThreshold: 0 }))],
];

afterAll(() => {
  for (const name of listBackends()) if (name.startsWith('loop-')) removeBackend(name);
});

describe('the MindSpore quickstart loop without tidy or dispose', () => {
  for (const [name, register] of BACKENDS) {
    it(`keeps live tensors and bytes flat on ${name}`, async () => {
      register();
      await setBackend(name);
      await ready();
      // 100 steps (3+ epochs of 2,000 digits in batches of 64), sampled every 20 after warm-up.
      const samples = quickstartLoop({ steps: 100, sampleEvery: 20, hidden: 16 });
      const first = samples[0] as (typeof samples)[number];
      expect(samples).toHaveLength(5);
      for (const s of samples.slice(1)) {
        expect(s.numTensors).toBe(first.numTensors);
        expect(s.numBytes).toBe(first.numBytes);
      }
      expect(samples.every((s) => Number.isFinite(s.loss))).toBe(true);
    });
  }

  it('pnpm start -- quickstart prints the samples and says flat', async () => {
    let out = '';
    const stream = { write: (t: string) => (out += t) };
    const code = await runQuickstart(['--backends', 'cpu', '--steps', '60', '--every', '20'], { stdout: stream, stderr: stream });
    expect(code).toBe(0);
    expect(out).toMatch(/step {6}20: \d+ live tensors/);
    expect(out).toMatch(/flat: 60 steps in [\d.]+ s, live tensors (\d+) → \1, bytes (\d+) → \2/);
  });
});
