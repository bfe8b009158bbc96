/**
 * The Transformer encoder-layer row of seqRows.ts with every result read back by
 * `await t.data()`, for the browser bench on gpu.js WebGL2 and WebGPU (WebGPU has no synchronous
 * read): the same model and tfjs code (encoderStep.ts), eager, jitted and on the tfjs peer,
 * checked to agree, timed one side after another, then one eager step profiled (kernel launches
 * by primitive and the peak live bytes on the backend).
 */
import { jit } from '@mindts/jit';
import type { Tensor } from '@mindts/tensor';
import type * as tf from '@tensorflow/tfjs-core';
import { measureSidesAsync } from './asyncJitRows.js';
import { ENCODER_STEP, type EncoderConfig, mindtsEncoderParts, readEncoderWeights, tfjsEncoderParts } from './encoderStep.js';
import { profileKernels } from './kernelProfile.js';
import type { SeqRow } from './seqRows.js';

/** Reads a loss back and frees it. */
async function loss(t: Tensor | tf.Tensor): Promise<number> {
  try {
    return (await t.data())[0] as number;
  } finally {
    t.dispose();
  }
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

/** The slice of a WebGL2 context {@link glSync} uses (the bench builds without the DOM types). */
interface SyncContext {
  readonly FRAMEBUFFER: number;
  readonly FRAMEBUFFER_BINDING: number;
  readonly COLOR_ATTACHMENT0: number;
  readonly TEXTURE_2D: number;
  readonly RGBA: number;
  readonly RGBA32F: number;
  readonly FLOAT: number;
  getParameter(name: number): unknown;
  createFramebuffer(): unknown;
  createTexture(): unknown;
  bindTexture(target: number, texture: unknown): void;
  texImage2D(...args: unknown[]): void;
  bindFramebuffer(target: number, framebuffer: unknown): void;
  framebufferTexture2D(target: number, attachment: number, textarget: number, texture: unknown, level: number): void;
  readPixels(x: number, y: number, width: number, height: number, format: number, type: number, pixels: Float32Array): void;
}

/**
 * A function that waits until a WebGL2 context has run every command queued so far: it reads one
 * pixel of a 1×1 float texture of its own (a read waits for the queue; `finish()` does not in
 * Chromium). For {@link profileKernels}, so WebGL2 kernel times are their own, not their launch's.
 * @example
 * const sync = glSync((getBackend() as GpujsBackend).gpu.context);
 */
export function glSync(context: unknown): (() => void) | undefined {
  const gl = context as SyncContext | undefined;
  if (!gl || typeof gl.readPixels !== 'function' || gl.RGBA32F === undefined) return undefined;
  const texture = gl.createTexture();
  const framebuffer = gl.createFramebuffer();
  const pixel = new Float32Array(4);
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, 1, 1, 0, gl.RGBA, gl.FLOAT, null);
  return () => {
    const previous = gl.getParameter(gl.FRAMEBUFFER_BINDING);
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.FLOAT, pixel);
    gl.bindFramebuffer(gl.FRAMEBUFFER, previous);
  };
}

/**
 * The encoder row on the active mindts and tfjs backends: two steps of each side must agree
 * (mindts vs tfjs within 1e-3, jit vs eager within 1e-4, as in Node), then `warmup` + `runs`
 * timed steps per side; `primitives` are the kernels to profile, `sync` (e.g. {@link glSync})
 * waits for each one's work in the profile.
 * @example
 * await setBackend('gpujs-webgl2'); await tf.setBackend('webgl');
 * const row = await asyncEncoderRow(Object.keys(gpujsKernels), 1, 3);
 */
export async function asyncEncoderRow(
  primitives: readonly string[],
  warmup: number,
  runs: number,
  config: EncoderConfig & { readonly label?: string } = ENCODER_STEP,
  sync?: () => void,
): Promise<SeqRow> {
  const label = config.label ?? ENCODER_STEP.label;
  const eager = mindtsEncoderParts(config);
  const forJit = mindtsEncoderParts(config);
  const theirs = tfjsEncoderParts(config, await readEncoderWeights(eager.layer), eager.layer.norm1.epsilon);
  const jitted = jit(() => forJit.step());
  try {
    const losses: [number[], number[], number[]] = [[], [], []];
    for (let k = 0; k < 2; k++) {
      losses[0].push(await loss(eager.step()));
      losses[1].push(await loss(jitted()));
      losses[2].push(await loss(theirs.step()));
    }
    for (let k = 0; k < 2; k++) {
      const [e, j, t] = losses.map((l) => l[k] as number) as [number, number, number];
      if (!(relative(e, t) <= 1e-3) || !(relative(j, e) <= 1e-4)) {
        throw new Error(`${label}: step ${k + 1} losses disagree (mindts eager ${e}, jit ${j}, tfjs ${t}); not timing a wrong step.`);
      }
    }
    const [eagerMs, jitMs, tfjsMs] = (await measureSidesAsync(
      [() => loss(eager.step()), () => loss(jitted()), () => loss(theirs.step())],
      warmup,
      runs,
    )) as [number, number, number];
    // Without `sync` kernels are timed to their launch; the loss is read after (the step's work finishes there).
    let last: Tensor | undefined;
    const profile = profileKernels(
      primitives,
      () => {
        last = eager.step();
      },
      sync,
    );
    if (last) await loss(last);
    return {
      label,
      eagerMs,
      jitMs,
      tfjsMs,
      vsEager: tfjsMs / eagerMs,
      vsJit: tfjsMs / jitMs,
      firstLoss: [losses[0][0] as number, losses[2][0] as number],
      profile,
    };
  } finally {
    jitted.clear();
    eager.dispose();
    forJit.dispose();
    theirs.dispose();
  }
}
