/**
 * The `lang` section of `pnpm bench` (issue 21): the example app's GPT on mindts cpu and wasm,
 * training tokens/s eager and jitted next to the same GPT in tfjs ops on tfjs-cpu and tfjs-wasm,
 * and generation tokens/s with and without the key/value cache at context 32; then the goals.
 */
import { cpuKernels } from '@mindts/backend-cpu';
import { wasmKernels } from '@mindts/backend-wasm';
import { formatLangTables, GENERATION, GPT_STEP, langGenerationRow, langTrainRow } from './langRows.js';
import { useMindtsBackend } from './mindtsCases.js';
import { useTfjsBackend } from './tfjsCases.js';

/** The goals of issue 21. */
const TRAIN_GOAL = 2;
const CACHE_GOAL = 5;

/**
 * Runs the rows on cpu then wasm, prints their tables and appends the goal lines to `goals`;
 * returns how many goal rows failed. The TypeScript cpu backends are slow at this size, so cpu takes fewer timed runs. Needs `setupMindts()` and `setupTfjs()` first.
 * @example
 * failed += await runLangRows(goals);
 */
export async function runLangRows(goals: string[], sides: readonly ('cpu' | 'wasm')[] = ['cpu', 'wasm']): Promise<number> {
  let failed = 0;
  const lines: [string, boolean][] = [];
  for (const side of sides) {
    const detail = await useMindtsBackend(side);
    const tfDetail = await useTfjsBackend(side);
    console.log(`\n## language model (the example's GPT): mindts ${side} (${detail}) eager and jit vs tfjs-${side} (${tfDetail})\n`);
    const primitives = Object.keys(side === 'cpu' ? cpuKernels : wasmKernels);
    const runs = side === 'cpu' ? { warmup: 1, runs: 5 } : {};
    const train = langTrainRow({ ...GPT_STEP, ...runs }, primitives);
    const generation = langGenerationRow({ ...GENERATION, ...runs, warmup: 1 }, primitives);
    console.log(formatLangTables(train, generation, side));
    if (side === 'wasm') {
      lines.push(
        [`wasm eager GPT training: ${train.vsEager.toFixed(2)}× tfjs-wasm's tokens/s (goal ≥ ${TRAIN_GOAL}×)`, train.vsEager >= TRAIN_GOAL],
        [`wasm jitted GPT training: ${train.vsJit.toFixed(2)}× tfjs-wasm's tokens/s (goal ≥ ${TRAIN_GOAL}×)`, train.vsJit >= TRAIN_GOAL],
      );
    }
    lines.push(
      [
        `${side} eager GPT generation at context 32: the cache ${generation.cacheSpeedup.toFixed(2)}× faster per token than re-encoding (goal ≥ ${CACHE_GOAL}×)`,
        generation.cacheSpeedup >= CACHE_GOAL,
      ],
      [
        `${side} jitted GPT generation at context 32: the cache ${generation.jitCacheSpeedup.toFixed(2)}× faster per token than re-encoding (goal ≥ ${CACHE_GOAL}×)`,
        generation.jitCacheSpeedup >= CACHE_GOAL,
      ],
    );
  }
  goals.push(
    `\nGoal (lang): GPT training tokens/s on wasm ≥ ${TRAIN_GOAL}× the tfjs-wasm GPT; generation with the key/value cache ≥ ${CACHE_GOAL}× faster per token than without at context 32`,
  );
  for (const [text, met] of lines) {
    if (!met) failed++;
    goals.push(`  ${met ? 'pass' : 'FAIL'}  ${text}`);
  }
  return failed;
}
