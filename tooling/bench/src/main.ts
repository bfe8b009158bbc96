/**
 * `pnpm bench`: mindts's CPU backend against TensorFlow.js's `cpu` backend, side by side in one
 * process, on the same seeded inputs. Prints a table and the goal from the issue.
 * `--strict` exits with status 1 when a goal row fails.
 */
import os from 'node:os';
import { mindtsRunner, setupMindts } from './mindtsCases.js';
import { formatTable, goalMet, type Row } from './table.js';
import { setupTfjs, tfjsRunner } from './tfjsCases.js';
import { measure } from './timing.js';
import { flopsOf, GOAL_SPEEDUP, relativeDifference, WORKLOADS } from './workloads.js';

/** Results may differ by float32 rounding and summation order, never by more. */
const AGREEMENT = 1e-4;

async function main(): Promise<number> {
  await setupMindts();
  const tfVersion = await setupTfjs();
  const cpus = os.cpus();
  console.log(
    `mindts cpu vs tfjs-cpu ${tfVersion} (PROD mode) · Node ${process.version} · ${cpus.length}× ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
  );
  console.log('median of timed runs after warm-up; results read back with dataSync()\n');

  const rows: Row[] = [];
  const started = Date.now();
  for (const w of WORKLOADS) {
    const mine = mindtsRunner(w);
    const theirs = tfjsRunner(w);
    const diff = relativeDifference(mine.values(), theirs.values());
    if (!(diff <= AGREEMENT))
      throw new Error(`${w.label}: mindts and tfjs disagree (max relative difference ${diff}); not timing a wrong result.`);
    const m = measure(() => mine.run(), w.warmup, w.runs);
    const t = measure(() => theirs.run(), w.warmup, w.runs);
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

  console.log(formatTable(rows));
  const goalRows = rows.filter((r) => r.workload.goal);
  const met = goalRows.filter((r) => goalMet(r));
  console.log(`\nGoal: CPU backend ≥ ${GOAL_SPEEDUP}× tfjs-cpu on matmul n ≥ 256 and on the add+relu row`);
  for (const r of goalRows) console.log(`  ${goalMet(r) ? 'pass' : 'FAIL'}  ${r.workload.label}: ${r.speedup.toFixed(2)}×`);
  console.log(`  ${met.length}/${goalRows.length} goal rows met · total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return process.argv.includes('--strict') && met.length < goalRows.length ? 1 : 0;
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
