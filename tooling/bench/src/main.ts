/**
 * `pnpm bench`: mindts's backends against their TensorFlow.js peers, side by side in one
 * process, on the same seeded inputs — the CPU backend against tfjs `cpu`, then the wasm
 * backend against tfjs `wasm` (both on one thread), then an MLP training step on the CPU backends and
 * on the wasm backends (trainStep.ts), sequence-model training steps (seqRows.ts), the MLP step in
 * float32 vs amp O2 on wasm (ampRows.ts), a training loop fed by the dataset pipeline against
 * pre-made tensors (datasetRows.ts), and the example app's GPT in tokens/s (langMain.ts). Prints a
 * table per comparison and the goals from the issues. `--strict` exits
 * with status 1 when a goal row fails.
 */
import os from 'node:os';
import { mindtsRunner, setupMindts, useMindtsBackend } from './mindtsCases.js';
import { wasmKernels } from '@mindts/backend-wasm';
import { AMP_GOAL, ampRow, formatAmpRow } from './ampRows.js';
import { runGpujsSuites } from './gpujsSuite.js';
import { datasetRow } from './datasetRows.js';
import { CHAIN, chainRow, formatJitTable, mlpStepRow } from './jitRows.js';
import { encoderRow, formatSeqTable, lstmRow } from './seqRows.js';
import { runLangRows } from './langMain.js';
import { formatTable, goalMet, type Row } from './table.js';
import { setupTfjs, tfjsRunner, useTfjsBackend } from './tfjsCases.js';
import { measurePair } from './timing.js';
import { MLP_STEP, measureTrainStep } from './trainStep.js';
import { flopsOf, relativeDifference, SUITES, type Suite } from './workloads.js';

/** Results may differ by float32 rounding and summation order, never by more. */
const AGREEMENT = 1e-4;

async function runSuite(suite: Suite): Promise<Row[]> {
  const detail = await useMindtsBackend(suite.mindts);
  const tfDetail = await useTfjsBackend(suite.tfjs);
  console.log(`\n## mindts ${suite.mindts} (${detail}) vs tfjs-${suite.tfjs} (${tfDetail})\n`);
  const rows: Row[] = [];
  for (const w of suite.workloads) {
    const mine = mindtsRunner(w);
    const theirs = tfjsRunner(w);
    const diff = relativeDifference(mine.values(), theirs.values());
    if (!(diff <= AGREEMENT))
      throw new Error(`${w.label}: mindts and tfjs disagree (max relative difference ${diff}); not timing a wrong result.`);
    const [m, t] = measurePair(
      () => mine.run(),
      () => theirs.run(),
      w.warmup,
      w.runs,
    );
    mine.dispose();
    theirs.dispose();
    const flops = flopsOf(w);
    rows.push({
      workload: w,
      mindts: flops === undefined ? m.medianMs : flops / m.medianMs / 1e6,
      tfjs: flops === undefined ? t.medianMs : flops / t.medianMs / 1e6,
      speedup: t.medianMs / m.medianMs,
    });
    if (process.stderr.isTTY) process.stderr.write(`  ${w.label} done\n`);
  }
  console.log(formatTable(rows, suite));
  return rows;
}

async function main(): Promise<number> {
  await setupMindts();
  const tfVersion = await setupTfjs();
  const cpus = os.cpus();
  console.log(
    `mindts vs tfjs ${tfVersion} (PROD mode) · Node ${process.version} · ${cpus.length}× ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
  );
  console.log('median of timed runs after warm-up, the two libraries alternating; results read back with dataSync()');

  const started = Date.now();
  let failed = 0;
  const goals: string[] = [];
  // `--only <section>` runs one section: kernels, train, jit, seq, amp, lang, gpujs or dataset.
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const sections = ['kernels', 'train', 'jit', 'seq', 'amp', 'lang', 'gpujs', 'dataset'];
  if (only !== undefined && !sections.includes(only)) throw new Error(`--only must be one of ${sections.join(', ')}, but got ${only}.`);
  const want = (section: string) => only === undefined || only === section;
  for (const suite of want('kernels') ? SUITES : []) {
    const rows = await runSuite(suite);
    goals.push(`\nGoal: ${suite.goalText}`);
    for (const r of rows.filter((row) => row.workload.goal)) {
      const met = goalMet(r, suite.goal);
      if (!met) failed++;
      goals.push(`  ${met ? 'pass' : 'FAIL'}  ${suite.mindts} ${r.workload.label}: ${r.speedup.toFixed(2)}×`);
    }
  }
  // The training-step rows compare whole training steps, CPU backends then wasm backends.
  for (const side of want('train') ? (['cpu', 'wasm'] as const) : []) {
    const detail = await useMindtsBackend(side);
    const tfDetail = await useTfjsBackend(side);
    console.log(`\n## training step: mindts ${side} (${detail}) vs tfjs-${side} (${tfDetail})\n`);
    const step = measureTrainStep(measurePair);
    console.log(
      `${MLP_STEP.label}: mindts ${step.mindtsMs.toFixed(2)} ms · tfjs-${side} ${step.tfjsMs.toFixed(2)} ms · ` +
        `mindts/tfjs ${step.speedup.toFixed(2)}× (${MLP_STEP.runs} runs)`,
    );
    goals.push(`\nGoal: an MLP training step on mindts's ${side} backend takes no longer than on tfjs-${side}`);
    if (step.speedup < 1) failed++;
    goals.push(`  ${step.speedup >= 1 ? 'pass' : 'FAIL'}  ${side} ${MLP_STEP.label}: ${step.speedup.toFixed(2)}×`);
  }
  // Eager vs jit (jitRows.ts): the same training step and a 10-op chain, eager and jitted, next to tfjs.
  for (const side of want('jit') ? (['cpu', 'wasm'] as const) : []) {
    const detail = await useMindtsBackend(side);
    const tfDetail = await useTfjsBackend(side);
    console.log(`\n## jit: mindts ${side} (${detail}) eager vs jit, and tfjs-${side} (${tfDetail})\n`);
    const rows = [mlpStepRow(), chainRow()];
    console.log(formatJitTable(rows, side));
    const [mlp, chain] = rows as [ReturnType<typeof mlpStepRow>, ReturnType<typeof chainRow>];
    goals.push(`\nGoal (jit, ${side}): jit ≥ 1.5× eager on the MLP step, ≥ 3× on the ${CHAIN.label}`);
    for (const [r, want] of [
      [mlp, 1.5],
      [chain, 3],
    ] as const) {
      const met = r.jitSpeedup >= want;
      if (!met) failed++;
      goals.push(`  ${met ? 'pass' : 'FAIL'}  ${side} ${r.label}: jit ${r.jitSpeedup.toFixed(2)}× eager`);
    }
    if (side === 'wasm') {
      goals.push(`\nGoal (jit, wasm): the jitted MLP step faster than tfjs-wasm's`);
      if (mlp.vsTfjs < 1) failed++;
      goals.push(`  ${mlp.vsTfjs >= 1 ? 'pass' : 'FAIL'}  wasm jitted ${MLP_STEP.label}: ${mlp.vsTfjs.toFixed(2)}× tfjs-wasm`);
    }
  }
  // Sequence models (seqRows.ts): a Transformer encoder layer and an LSTM training step on wasm, eager and jitted, vs tfjs-wasm.
  if (want('seq')) {
    const detail = await useMindtsBackend('wasm');
    const tfDetail = await useTfjsBackend('wasm');
    console.log(`\n## sequence models: mindts wasm (${detail}) eager and jit vs tfjs-wasm (${tfDetail}) eager\n`);
    const primitives = Object.keys(wasmKernels);
    const [encoder, lstm] = [encoderRow(primitives), lstmRow(primitives)];
    console.log(formatSeqTable([encoder, lstm], 'wasm'));
    const seqGoals: [string, boolean][] = [
      [`wasm eager ${encoder.label}: ${encoder.vsEager.toFixed(2)}× tfjs-wasm (goal ≥ 2×)`, encoder.vsEager >= 2],
      [
        `wasm jitted ${encoder.label}: ${encoder.vsJit.toFixed(2)}× tfjs-wasm, faster than eager (${encoder.vsEager.toFixed(2)}×)`,
        encoder.jitMs < encoder.eagerMs,
      ],
      [`wasm eager ${lstm.label}: ${lstm.vsEager.toFixed(2)}× tfjs-wasm (goal ≥ 1×)`, lstm.vsEager >= 1],
    ];
    goals.push('\nGoal (seq): the encoder-layer step on mindts wasm ≥ 2× tfjs-wasm eager, jitted faster still; the LSTM step ≥ tfjs-wasm');
    for (const [text, met] of seqGoals) {
      if (!met) failed++;
      goals.push(`  ${met ? 'pass' : 'FAIL'}  ${text}`);
    }
  }
  // Mixed precision (ampRows.ts): the MLP step on wasm in float32 and at amp level O2.
  if (want('amp')) {
    console.log(`\n## mixed precision: mindts wasm (${await useMindtsBackend('wasm')}) float32 vs amp O2\n`);
    const amp = ampRow();
    console.log(formatAmpRow(amp));
    const met = amp.ratio <= AMP_GOAL && amp.fallbacks.length === 0;
    if (!met) failed++;
    goals.push(`\nGoal (amp): the O2 MLP step on wasm at most ${AMP_GOAL}× the float32 step, no CPU fallback`);
    goals.push(`  ${met ? 'pass' : 'FAIL'}  wasm O2 ${MLP_STEP.label}: ${amp.ratio.toFixed(2)}× float32`);
  }
  // The dataset row (datasetRows.ts): a training loop fed by pre-made tensors vs the pipeline, in a worker and on the main thread.
  if (want('dataset')) {
    const detail = await useMindtsBackend('wasm');
    goals.push(
      '\nGoal (dataset): a step fed by the pipeline (map, shuffle, batch; worker prefetch) within 5 % of one fed pre-made tensors',
    );
    for (const model of ['mlp', 'cnn'] as const) {
      const row = datasetRow(model);
      console.log(`\n## dataset pipeline: ${row.label}, mindts wasm (${detail})\n`);
      console.log(
        `pre-made tensors ${row.premadeMs.toFixed(2)} ms/step · pipeline in a worker ${row.workerMs.toFixed(2)} ms/step (${row.workerRatio.toFixed(3)}×) · ` +
          `pipeline on the main thread ${row.mainMs.toFixed(2)} ms/step (${row.mainRatio.toFixed(3)}×)\n` +
          `getting each batch: ${row.workerFetchMs.toFixed(2)} ms from the worker, ${row.mainFetchMs.toFixed(2)} ms on the main thread\n(${row.worker})`,
      );
      const met = row.workerRatio <= 1.05;
      if (!met) failed++;
      goals.push(`  ${met ? 'pass' : 'FAIL'}  wasm ${row.label}: pipeline/pre-made ${row.workerRatio.toFixed(3)}×`);
    }
  }
  // The language-model rows (langRows.ts): the example's GPT, training and generation tokens/s.
  if (want('lang')) failed += await runLangRows(goals);
  // The gpu.js rows (gpujsSuite.ts): each gpu.js mode that works in Node vs cpu and tfjs-wasm.
  if (want('gpujs')) await runGpujsSuites();
  console.log(goals.join('\n'));
  console.log(
    `\n${failed === 0 ? 'every goal row met' : `${failed} goal row(s) not met`} · total ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return process.argv.includes('--strict') && failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
