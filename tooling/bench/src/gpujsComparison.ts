/**
 * The gpu.js comparison, shared by `pnpm bench` (Node) and the browser bench: each row runs on
 * several sides (mindts backends and tfjs backends), one side after another, checks that every
 * side computed what the last one did, and reports milliseconds; the table adds ratios for named
 * pairs. Nothing here is Node-only, so the browser harness bundles it.
 */
import { setBackend } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
import {
  type AsyncRunner,
  measureAsync,
  mindtsAsyncRunner,
  mindtsAsyncTrainStep,
  tfjsAsyncRunner,
  tfjsAsyncTrainStep,
} from './gpujsRunners.js';
import { MLP_STEP } from './trainStep.js';
import { relativeDifference, type Workload } from './workloads.js';

/** Results may differ by float32 rounding and summation order, never by more. */
export const GPUJS_AGREEMENT = 1e-4;

/**
 * One column of the comparison: a library's backend, made active before its runs.
 * @example
 * const side: Side = { name: 'tfjs-webgl', activate: () => tf.setBackend('webgl'), runner: tfjsAsyncRunner, trainStep: tfjsAsyncTrainStep };
 */
export interface Side {
  readonly name: string;
  activate(): Promise<unknown>;
  runner(w: Workload): AsyncRunner;
  trainStep(): AsyncRunner;
}

/**
 * mindts's registered backend `name` as a side.
 * @example
 * mindtsSide('cpu');
 */
export function mindtsSide(name: string): Side {
  return { name, activate: () => setBackend(name), runner: mindtsAsyncRunner, trainStep: mindtsAsyncTrainStep };
}

/**
 * tfjs backend `backend` (registered by importing it) as a side named `tfjs-${backend}`, in
 * production mode (no debug checks), as a tfjs user ships it.
 * @example
 * tfjsSide('webgl');
 */
export function tfjsSide(backend: string): Side {
  const activate = async () => {
    tf.env().set('PROD', true);
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs-${backend} did not initialise`);
  };
  return { name: `tfjs-${backend}`, activate, runner: tfjsAsyncRunner, trainStep: tfjsAsyncTrainStep };
}

/** A row to time: a workload, or the MLP training step of `trainStep.ts`. */
export type GpujsRow = Workload | { readonly kind: 'mlpStep'; readonly label: string; readonly warmup: number; readonly runs: number };

/**
 * The MLP step as a row, with its own repetition counts.
 * @example
 * mlpStepRow(1, 5).label; // 'MLP 784-256-10 train step, batch 64 (SGD)'
 */
export function mlpStepRow(warmup: number, runs: number): GpujsRow {
  return { kind: 'mlpStep', label: MLP_STEP.label, warmup, runs };
}

/**
 * One measured row: median ms per side (NaN where that side disagreed with the last side) and the
 * largest relative difference from the last side.
 */
export interface ComparisonRow {
  readonly label: string;
  readonly ms: readonly number[];
  readonly maxDiff: number;
  readonly reps: string;
}

/**
 * Times every row on every side, in order. A side whose result differs from the last side's by
 * more than {@link GPUJS_AGREEMENT} is not timed (NaN) but reported through `maxDiff`.
 * @example
 * const rows = await compareSides(sides, [mlpStepRow(1, 5)]);
 */
export async function compareSides(
  sides: readonly Side[],
  rows: readonly GpujsRow[],
  log: (line: string) => void = () => {},
): Promise<ComparisonRow[]> {
  const out: ComparisonRow[] = [];
  for (const row of rows) {
    const ms: number[] = [];
    const values: ArrayLike<number>[] = [];
    for (const side of sides) {
      await side.activate();
      const r = row.kind === 'mlpStep' ? side.trainStep() : side.runner(row);
      try {
        values.push(await r.values());
        ms.push((await measureAsync(() => r.run(), row.warmup, row.runs)).medianMs);
      } finally {
        r.dispose();
      }
    }
    const oracle = values.at(-1) as ArrayLike<number>;
    const diffs = values.map((v) => relativeDifference(v, oracle));
    out.push({
      label: row.label,
      ms: ms.map((m, i) => ((diffs[i] as number) <= GPUJS_AGREEMENT ? m : Number.NaN)),
      maxDiff: Math.max(...diffs),
      reps: `${row.warmup}+${row.runs}`,
    });
    log(`  ${row.label} done`);
  }
  return out;
}

const fmt = (x: number) => (Number.isNaN(x) ? 'wrong' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * The rows as an aligned table: ms per side, then for each pair `[a, b]` the ratio
 * ms(b) / ms(a) (above 1: side a is faster), then the largest difference from the last side.
 * @example
 * console.log(formatComparison(['mindts gpujs-webasm', 'tfjs-wasm'], rows, [[0, 1]]));
 */
export function formatComparison(
  names: readonly string[],
  rows: readonly ComparisonRow[],
  pairs: readonly (readonly [number, number])[],
): string {
  const header = ['benchmark', ...names.map((n) => `${n} ms`), ...pairs.map(([a, b]) => `${names[b]}/${names[a]}`), 'max rel diff', 'runs'];
  const body = rows.map((r) => [
    r.label,
    ...r.ms.map(fmt),
    ...pairs.map(([a, b]) => {
      const q = (r.ms[b] as number) / (r.ms[a] as number);
      return Number.isNaN(q) ? '—' : `${q.toFixed(2)}×`;
    }),
    r.maxDiff.toExponential(1),
    r.reps,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
