/**
 * What `deviceCheck.sh` runs on a GPU machine, bundled for Node by `deviceCheck.sh prepare`:
 * exposes `navigator.gpu` from the `webgpu` npm package (Dawn on Vulkan) when it loads, picks a
 * gpu.js GPU mode with `gpujs({ requireGpu: true })` (webgpu, else headlessgl where the `gl`
 * package was built), runs the conformance cases against the CPU oracle on it, then the gpu.js
 * benchmark rows against mindts's CPU backend and tfjs-cpu. `--mode=webasm` checks the bundle
 * on a machine without a GPU. A script, not package code: it reaches into tooling/bench by path.
 */
import { cpu } from '@mindts/backend-cpu';
import { getBackend, registerBackend, setBackend } from '@mindts/tensor';
import {
  compareSides,
  formatComparison,
  type GpujsRow,
  mindtsSide,
  mlpStepRow,
  tfjsSide,
} from '../../../tooling/bench/src/gpujsComparison.js';
import { runConformance } from '../src/browser/harness.js';
import { type GpujsBackend, type GpujsMode, gpujs } from '../src/index.js';

const log = (line: string) => console.log(line);
const forced = process.argv.find((a) => a.startsWith('--mode='))?.slice(7) as GpujsMode | undefined;

try {
  const { create, globals } = (await import('webgpu')) as { create(flags: string[]): unknown; globals: object };
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
} catch (err) {
  log(`webgpu (Dawn) did not load: ${err instanceof Error ? err.message : String(err)}`);
}

registerBackend(cpu());
registerBackend(gpujs({ name: 'probe', ...(forced ? { mode: forced } : { requireGpu: true }) }));
await setBackend('probe');
const mode = (getBackend() as GpujsBackend).mode;
log(`gpu.js mode: ${(getBackend() as GpujsBackend).modeReason}`);

const conformance = await runConformance(mode);
log(`conformance on ${mode}: ${conformance.passed} passed, ${conformance.failed.length} failed`);
for (const f of conformance.failed) log(`FAIL ${f.name}\n  ${f.problems.join('\n  ')}`);
log(conformance.summary);

const name = `gpujs-${mode}`;
registerBackend(gpujs({ name, mode, cpuThreshold: 0 }));
const M = 1 << 20;
const rows: GpujsRow[] = (forced ? [128, 256] : [128, 256, 512, 1024, 2048]).map(
  (n) => ({ kind: 'matmul', label: `matmul n=${n}`, n, warmup: 2, runs: 5, goal: false }) as const,
);
rows.push({ kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 3, runs: 11, goal: false }, mlpStepRow(3, 11));
// tfjs-cpu is registered by `@tensorflow/tfjs`, which the MLP step imports.
const sides = [mindtsSide(name), mindtsSide('cpu'), tfjsSide('cpu')];
log(`\n## mindts ${name} (cpuThreshold 0) vs mindts cpu vs tfjs-cpu\n`);
log(
  formatComparison(
    sides.map((s) => s.name),
    await compareSides(sides, rows, (l) => process.stderr.write(`${l}\n`)),
    [
      [0, 1],
      [0, 2],
    ],
  ),
);
process.exit(conformance.failed.length === 0 ? 0 : 1);
