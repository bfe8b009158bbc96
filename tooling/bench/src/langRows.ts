/**
 * The language-model rows (issue 21, `--only lang`): tokens per second of the example app's GPT,
 * training (batch × context tokens a step; eager and jitted, next to the same GPT in tfjs ops) and
 * generation (with the key/value cache and without, eager and jitted: one graph per context
 * length). Each row first checks that its sides compute the same thing (the same first
 * loss; the same generated tokens and last logits), then times them alternately.
 */
import { type IncrementalDecoder, incrementalDecoder } from '@mindts/example/sample/incrementalDecoder';
import { jit } from '@mindts/jit';
import { setSeed, type Tensor } from '@mindts/tensor';
import { GENERATION, type GenerationConfig, type Generated, generateCached, generateUncached, generationNet } from './gptGeneration.js';
import { GPT_STEP, type GptStepConfig, mindtsGptParts, tfjsGptParts, wordBatch } from './gptStep.js';
import { type KernelProfile, profileKernels } from './kernelProfile.js';
import { checkAgreement, measureSides } from './seqRows.js';

/**
 * The training row: tokens per second of each side, and tfjs's time over mindts's.
 * @example
 * const row = langTrainRow(GPT_STEP, names); row.eagerTokens / row.tfjsTokens === row.vsEager; // ≈ true
 */
export interface LangTrainRow {
  readonly label: string;
  /** Tokens per step: batch × context. */
  readonly tokensPerStep: number;
  readonly eagerMs: number;
  readonly jitMs: number;
  readonly tfjsMs: number;
  readonly eagerTokens: number;
  readonly jitTokens: number;
  readonly tfjsTokens: number;
  /** tfjs's ms over mindts's: above 1, mindts trains more tokens a second. */
  readonly vsEager: number;
  readonly vsJit: number;
  /** The first step's loss on mindts and on tfjs. */
  readonly firstLoss: readonly [number, number];
  readonly profile: KernelProfile;
}

const perSecond = (tokens: number, ms: number) => (tokens * 1000) / ms;

function read(t: { dataSync(): ArrayLike<number>; dispose(): void }): number {
  const v = t.dataSync()[0] as number;
  t.dispose();
  return v;
}

/**
 * Checks, times and profiles the GPT training step on the active mindts and tfjs backends.
 * @example
 * const row = langTrainRow(GPT_STEP, Object.keys(wasmKernels));
 */
export function langTrainRow(
  c: GptStepConfig & { readonly label: string; readonly warmup: number; readonly runs: number },
  primitives: readonly string[],
): LangTrainRow {
  const data = wordBatch(c);
  const eager = mindtsGptParts(c, false, data);
  const forJit = mindtsGptParts(c, true, data);
  const tfjs = tfjsGptParts(c, eager.net, data);
  try {
    // The schedules differ after the first step (tfjs has no warm-up), so only it is compared with tfjs.
    const [eagerLosses, , theirs] = checkAgreement(c.label, { eager, forJit, tfjs }, () => forJit.step(), { steps: 2, tfjsSteps: 1 });
    const [eagerMs, jitMs, tfjsMs] = measureSides(
      [() => void read(eager.step()), () => void read(forJit.step()), () => void read(tfjs.step())],
      c.warmup,
      c.runs,
    ) as [number, number, number];
    const profile = profileKernels(primitives, () => void read(eager.step()));
    const tokens = c.batch * c.model.contextLength;
    return {
      label: c.label,
      tokensPerStep: tokens,
      eagerMs,
      jitMs,
      tfjsMs,
      eagerTokens: perSecond(tokens, eagerMs),
      jitTokens: perSecond(tokens, jitMs),
      tfjsTokens: perSecond(tokens, tfjsMs),
      vsEager: tfjsMs / eagerMs,
      vsJit: tfjsMs / jitMs,
      firstLoss: [eagerLosses[0] as number, theirs[0] as number],
      profile,
    };
  } finally {
    eager.dispose();
    forJit.dispose();
    tfjs.dispose();
  }
}

/**
 * The generation row: ms per run (`batch` words of `contextLength` tokens) and tokens per second
 * with the cache, without it eagerly and without it jitted; the cache's speed-up per token.
 * @example
 * const row = langGenerationRow(GENERATION, names); row.cacheSpeedup; // uncached ms / cached ms
 */
export interface LangGenerationRow {
  readonly label: string;
  readonly tokensPerRun: number;
  readonly cachedMs: number;
  readonly cachedJitMs: number;
  readonly uncachedMs: number;
  readonly uncachedJitMs: number;
  readonly cachedTokens: number;
  readonly cachedJitTokens: number;
  readonly uncachedTokens: number;
  readonly uncachedJitTokens: number;
  /** Uncached ms over cached ms, both eager: how much faster each token is with the cache. */
  readonly cacheSpeedup: number;
  /** The same, both jitted. */
  readonly jitCacheSpeedup: number;
  readonly cachedProfile: KernelProfile;
  readonly uncachedProfile: KernelProfile;
}

function sameGeneration(label: string, a: Generated, b: Generated, what: string): void {
  const tokensDiffer = a.tokens.some((t, i) => t !== b.tokens[i]);
  const worst = a.lastLogits.reduce((m, v, i) => Math.max(m, Math.abs(v - (b.lastLogits[i] as number))), 0);
  if (tokensDiffer || a.lastLogits.length !== b.lastLogits.length || !(worst <= 1e-3)) {
    throw new Error(`${label}: ${what} generates other tokens or logits (largest logit difference ${worst}); not timing a wrong run.`);
  }
}

/**
 * Checks and times generation with and without the key/value cache on the active mindts backend.
 * @example
 * const row = langGenerationRow(GENERATION, Object.keys(wasmKernels));
 */
export function langGenerationRow(
  c: GenerationConfig & { readonly label: string; readonly warmup: number; readonly runs: number },
  primitives: readonly string[],
): LangGenerationRow {
  setSeed(11);
  const net = generationNet(c.model);
  const n = c.model.contextLength;
  const forward = (ids: Tensor) => net.call(ids) as Tensor;
  const jitted = jit(forward, { name: 'gptForward', maxRecompiles: n + 1 });
  const jitDecoder = incrementalDecoder(net, c.batch, { jit: true }) as IncrementalDecoder;
  try {
    const cached = () => generateCached(net, c.batch);
    const cachedJit = () => generateCached(net, c.batch, jitDecoder);
    const uncached = () => generateUncached(forward, c.batch, n);
    const uncachedJit = () => generateUncached(jitted as (ids: Tensor) => Tensor, c.batch, n);
    const reference = uncached();
    sameGeneration(c.label, cached(), reference, 'the key/value cache');
    sameGeneration(c.label, uncachedJit(), reference, 'the jitted forward');
    sameGeneration(c.label, cachedJit(), reference, 'the jitted key/value cache');
    const sides = [cached, cachedJit, uncached, uncachedJit];
    const [cachedMs, cachedJitMs, uncachedMs, uncachedJitMs] = measureSides(sides, c.warmup, c.runs) as [number, number, number, number];
    const tokens = c.batch * n;
    return {
      label: c.label,
      tokensPerRun: tokens,
      cachedMs,
      cachedJitMs,
      uncachedMs,
      uncachedJitMs,
      cachedTokens: perSecond(tokens, cachedMs),
      cachedJitTokens: perSecond(tokens, cachedJitMs),
      uncachedTokens: perSecond(tokens, uncachedMs),
      uncachedJitTokens: perSecond(tokens, uncachedJitMs),
      cacheSpeedup: uncachedMs / cachedMs,
      jitCacheSpeedup: uncachedJitMs / cachedJitMs,
      cachedProfile: profileKernels(primitives, () => void cached()),
      uncachedProfile: profileKernels(primitives, () => void uncached()),
    };
  } finally {
    jitted.clear();
    jitDecoder.dispose();
    net.dispose();
  }
}

const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

function profileLines(title: string, p: KernelProfile, top: number): string[] {
  const kernelMs = p.byPrimitive.reduce((s, k) => s + k.ms, 0);
  return [
    `  ${title}: ${p.totalMs.toFixed(2)} ms, ${kernelMs.toFixed(2)} ms in kernels, ${p.byPrimitive.reduce((s, k) => s + k.calls, 0)} kernel calls; slowest primitives:`,
    ...p.byPrimitive
      .slice(0, top)
      .map((k) => `    ${k.primitive.padEnd(22)} ${String(k.calls).padStart(5)} calls ${k.ms.toFixed(2).padStart(8)} ms`),
  ];
}

/**
 * The rows as two tables (training, generation) in tokens per second, with the ratios and profiles.
 * @example
 * console.log(formatLangTables(langTrainRow(GPT_STEP, names), langGenerationRow(GENERATION, names), 'wasm'));
 */
export function formatLangTables(train: LangTrainRow, generation: LangGenerationRow, side: string, top = 6): string {
  const t = train;
  const g = generation;
  return [
    `| training (${t.tokensPerStep} tokens a step) | mindts eager | mindts jit | tfjs-${side} | eager / tfjs | jit / tfjs |`,
    '|---|---:|---:|---:|---:|---:|',
    `| ${t.label}: tokens/s | ${fmt(t.eagerTokens)} | ${fmt(t.jitTokens)} | ${fmt(t.tfjsTokens)} | ${t.vsEager.toFixed(2)}× | ${t.vsJit.toFixed(2)}× |`,
    `| ms a step | ${t.eagerMs.toFixed(2)} | ${t.jitMs.toFixed(2)} | ${t.tfjsMs.toFixed(2)} | | |`,
    '',
    `| generation (${g.tokensPerRun} tokens a run) | cache, eager | cache, jit | no cache, eager | no cache, jit | cache speed-up eager | cache speed-up jit |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    `| ${g.label}: tokens/s | ${fmt(g.cachedTokens)} | ${fmt(g.cachedJitTokens)} | ${fmt(g.uncachedTokens)} | ${fmt(g.uncachedJitTokens)} | ${g.cacheSpeedup.toFixed(2)}× | ${g.jitCacheSpeedup.toFixed(2)}× |`,
    `| ms a run | ${g.cachedMs.toFixed(2)} | ${g.cachedJitMs.toFixed(2)} | ${g.uncachedMs.toFixed(2)} | ${g.uncachedJitMs.toFixed(2)} | | |`,
    '',
    `first-step loss: mindts ${t.firstLoss[0].toPrecision(7)} · tfjs ${t.firstLoss[1].toPrecision(7)}`,
    ...profileLines('one profiled eager training step', t.profile, top),
    ...profileLines('one profiled cached generation run', g.cachedProfile, top),
    ...profileLines('one profiled uncached generation run', g.uncachedProfile, top),
  ].join('\n');
}

export { GENERATION, GPT_STEP };
