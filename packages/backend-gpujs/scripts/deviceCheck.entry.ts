/**
 * What `deviceCheck.sh` runs on a GPU machine, bundled for Node by `deviceCheck.sh prepare`:
 * exposes `navigator.gpu` from the `webgpu` npm package (Dawn on Vulkan; 0.6.2, else 0.2.9) when
 * one loads, picks a gpu.js GPU mode with `gpujs({ requireGpu: true })`, runs the conformance
 * cases eager and jitted against the CPU oracle on it, then the gpu.js benchmark rows against
 * mindts's CPU backend and tfjs-cpu, and on webgpu the browser bench (default settings, eager vs
 * jit) against tfjs-webgpu on the same adapter. Each stage reports its own failure and the next
 * one still runs. `--mode=webasm` checks the bundle on a machine without a GPU. A script, not
 * package code: it reaches into tooling/bench by path.
 */
import { cpu } from '@mindts/backend-cpu';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import {
  compareSides,
  formatComparison,
  type GpujsRow,
  mindtsSide,
  mlpStepRow,
  type Side,
  tfjsSide,
} from '../../../tooling/bench/src/gpujsComparison.js';
import { checkWideMatMul, runConformance, runJitConformance } from '../src/browser/harness.js';
import { type GpujsBackend, type GpujsMode, gpujs } from '../src/index.js';

const log = (line: string) => console.log(line);
const forced = process.argv.find((a) => a.startsWith('--mode='))?.slice(7) as GpujsMode | undefined;
/** `--skip=table` leaves out the comparison with the CPU backends (minutes: tfjs-cpu at n = 2048). */
const skip =
  process.argv
    .find((a) => a.startsWith('--skip='))
    ?.slice(7)
    .split(',') ?? [];
const message = (err: unknown) => (err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err));
let failures = 0;

/** Runs one stage; a throw is reported and counted, and the next stage still runs. */
async function stage(name: string, body: () => Promise<void>): Promise<void> {
  const start = performance.now();
  log(`\n## ${name}\n`);
  try {
    await body();
  } catch (err) {
    failures++;
    log(`STAGE FAILED: ${name}: ${message(err)}`);
  }
  log(`(${name}: ${((performance.now() - start) / 1000).toFixed(1)} s)`);
}

type Dawn = { create(flags: string[]): GPU; globals: object };
let webgpuLoaded = false;
await stage('Dawn (webgpu npm package)', async () => {
  for (const pkg of ['webgpu', 'webgpu-0.2.9']) {
    try {
      const { create, globals } = (await import(pkg)) as Dawn;
      Object.assign(globalThis, globals);
      const gpu = create([]);
      Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
      const adapter = await gpu.requestAdapter();
      const info = adapter?.info as { vendor?: string; architecture?: string; device?: string; description?: string } | undefined;
      const about = info && [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ');
      log(`${pkg}: loaded; adapter: ${adapter ? about || 'no adapter info' : 'none'}`);
      if (adapter) {
        log(`  maxStorageBufferBindingSize ${adapter.limits.maxStorageBufferBindingSize}, maxBufferSize ${adapter.limits.maxBufferSize}`);
        webgpuLoaded = true;
      }
      return;
    } catch (err) {
      log(`${pkg}: did not load (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }
});

registerBackend(cpu());
let mode: GpujsMode = forced ?? 'webasm';
await stage('mode', async () => {
  registerBackend(gpujs({ name: 'probe', ...(forced ? { mode: forced } : { requireGpu: true }) }));
  await setBackend('probe');
  mode = (getBackend() as GpujsBackend).mode;
  log(`gpu.js mode: ${(getBackend() as GpujsBackend).modeReason}`);
});
if (failures > 0 && !forced) process.exit(1);

await stage(`conformance on ${mode}, eager`, async () => {
  const r = await runConformance(mode);
  log(`conformance on ${mode}: ${r.passed} passed, ${r.failed.length} failed`);
  for (const f of r.failed) log(`FAIL ${f.name}\n  ${f.problems.join('\n  ')}`);
  failures += r.failed.length;
  log(r.summary);
});

await stage(`conformance on ${mode}, jitted`, async () => {
  const r = await runJitConformance(mode);
  log(`jitted conformance on ${mode}: ${r.passed} passed, ${r.failed.length} failed`);
  log(`fused groups ${r.fusedGroups}, declined ${r.declined}, fell back: ${JSON.stringify(r.fellBack)}`);
  for (const f of r.failed) log(`FAIL ${f.name}\n  ${f.problems.join('\n  ')}`);
  failures += r.failed.length;
});

await stage(`MatMul on ${mode}, four-wide where the mode allows, against the CPU backend`, async () => {
  const problems = await checkWideMatMul(mode);
  log(problems.length === 0 ? 'agreed, kernels as expected' : problems.join('\n'));
  failures += problems.length;
});

const name = `gpujs-${mode}`;
if (!skip.includes('table')) {
  await stage(`mindts ${name} (cpuThreshold 0) vs tfjs-cpu vs mindts cpu`, async () => {
    registerBackend(gpujs({ name, mode, cpuThreshold: 0 }));
    const M = 1 << 20;
    const sizes = forced ? [128, 256] : [128, 256, 512, 1024, 2048];
    const rows: GpujsRow[] = sizes.map(
      (n) => ({ kind: 'matmul', label: `matmul n=${n}`, n, warmup: n >= 2048 ? 1 : 2, runs: n >= 1024 ? 3 : 5, goal: false }) as const,
    );
    rows.push({ kind: 'addRelu', label: 'add+relu 1M', n: M, warmup: 3, runs: 11, goal: false }, mlpStepRow(3, 11));
    // tfjs-cpu is registered by `@tensorflow/tfjs`, which the MLP step imports; mindts cpu last, the oracle.
    const sides: Side[] = [mindtsSide(name), tfjsSide('cpu'), mindtsSide('cpu')];
    const table = formatComparison(
      sides.map((s) => s.name),
      await compareSides(sides, rows, (l) => process.stderr.write(`${l}\n`)),
      [
        [0, 1],
        [0, 2],
      ],
    );
    log(table);
  });
}

if (mode === 'webgpu' && webgpuLoaded) {
  await stage('browser bench on Dawn: gpujs-webgpu (default cpuThreshold) vs tfjs-webgpu, eager and jit', async () => {
    // runBench registers its own gpujs-webgpu (default settings) in place of the table's.
    await setBackend('cpu');
    if (listBackends().includes(name)) removeBackend(name);
    // tfjs-backend-webgpu registers itself only where navigator.gpu exists, so it is imported now.
    const { runBench } = await import('../../../tooling/bench/src/browser/benchHarness.js');
    const r = await runBench(['webgpu']);
    log(r.table);
    for (const t of r.jitTables) log(`\n${t}`);
    for (const n of r.notes) log(`- ${n}`);
  });
}

await stage("the umbrella's default chain (DESIGN §6: gpu.js on a GPU → wasm → cpu), then an MLP step on it", async () => {
  const ms = await import('../../mindts/src/index.js');
  for (const n of ms.listBackends()) {
    if (n !== 'cpu') ms.removeBackend(n);
  }
  if (ms.listBackends().includes('cpu')) ms.removeBackend('cpu');
  const engine = await ms.useDefaultBackends();
  log(`chosen: ${engine.backend.name}; registered ${engine.registered.join(', ')}; skipped: ${JSON.stringify(engine.skipped)}`);
  if (!forced && engine.backend.name !== 'gpujs')
    throw new Error(`on a GPU machine the chain should pick gpujs, but picked ${engine.backend.name}`);
  const [eager] = await compareSides([mindtsSide(engine.backend.name)], [mlpStepRow(3, 11)], () => {});
  log(`MLP 784-256-10 train step, batch 64 (SGD), default settings: ${eager?.ms[0]?.toFixed(2)} ms`);
});

log(`\ndevice check: ${failures === 0 ? 'no failures' : `${failures} failure(s)`}`);
process.exit(failures === 0 ? 0 : 1);
