/**
 * `ModelCheckpoint`, after mindspore/python/mindspore/train/callback/_checkpoint.py (MindSpore 2.x).
 * Files are written with `saveCheckpoint` from @mindts/checkpoint (atomic); Node only.
 */
import type { Cell } from '@mindts/cell';
import { saveCheckpoint } from '@mindts/checkpoint';
import type { Parameter } from '@mindts/parameter';
import { Callback } from './callback.js';
import { CheckpointConfig } from './checkpointConfig.js';
import type { CallbackParams, RunContext } from './runContext.js';

type FS = typeof import('node:fs/promises');

/** MindSpore's `_chg_ckpt_file_name_if_same_exist`: `prefix_N` when files of `prefix` exist. */
function freePrefix(files: readonly string[], prefix: string): string {
  let suffix = 0;
  for (const name of files) {
    if (!name.endsWith('.ckpt') && !name.endsWith('.safetensors')) continue;
    if (!name.startsWith(prefix) || /[A-Za-z]/.test(name[prefix.length] ?? 'a')) continue;
    const index = name.slice(prefix.length).indexOf('-');
    if (index === 0) suffix = Math.max(suffix, 1);
    else if (index > 0) {
      const num = name.slice(prefix.length + 1, prefix.length + index);
      if (/^\d+$/.test(num)) suffix = Math.max(suffix, Number(num) + 1);
    }
  }
  return suffix === 0 ? prefix : `${prefix}_${suffix}`;
}

/** The parameters of the network and of its optimizer (its state), each once. */
function trainParameters(params: CallbackParams): Parameter[] {
  const seen = new Set<Parameter>();
  const names = new Set<string>();
  const out: Parameter[] = [];
  const cells = [params.network, params.optimizer].filter((c): c is NonNullable<typeof c> => !!c) as Cell[];
  for (const cell of cells) {
    for (const p of cell.getParameters()) {
      if (seen.has(p) || names.has(p.name)) continue;
      seen.add(p);
      names.add(p.name);
      out.push(p);
    }
  }
  return out;
}

/**
 * Saves checkpoints during training (MindSpore `ModelCheckpoint`): files
 * `<prefix>-<epoch>_<step in epoch>.ckpt` in `directory` (made if missing; default the current
 * folder), as `config` says, and once more at the end of training. What is saved is the network's
 * Parameters and the optimizer's (its step, learning rate and moments), or `config.savedNetwork`.
 * When files of `prefix` already exist there, the prefix becomes `prefix_1`, `prefix_2`, … as in
 * MindSpore. With `keepCheckpointMax`, the oldest files of the prefix are deleted.
 * @example
 * const ckpt = new ModelCheckpoint('lenet', './checkpoints', new CheckpointConfig({ saveCheckpointSteps: 100, keepCheckpointMax: 2 }));
 * await model.train(3, data, { callbacks: [ckpt] });
 * ckpt.latestCkptFileName; // './checkpoints/lenet-3_125.ckpt'
 */
export class ModelCheckpoint extends Callback {
  readonly directory: string;
  readonly config: CheckpointConfig;
  #basePrefix: string;
  #prefix: string | null = null;
  #latest = '';
  #lastTriggeredStep = 0;
  #lastTime = Date.now();
  #lastTimeForKeep = Date.now();
  #epochStartStep = 0;

  constructor(prefix = 'CKP', directory: string | null = null, config: CheckpointConfig | null = null) {
    super();
    if (typeof prefix !== 'string' || prefix.includes('/') || prefix === '') {
      throw new RangeError(
        `For 'ModelCheckpoint', the argument 'prefix' for checkpoint file name is invalid, it must be string and does not contain '/', but got ${String(prefix)}.`,
      );
    }
    if (directory !== null && typeof directory !== 'string') {
      throw new TypeError(`For 'ModelCheckpoint', the argument 'directory' must be a string, but got ${typeof directory}.`);
    }
    if (config !== null && !(config instanceof CheckpointConfig)) {
      throw new TypeError(`For 'ModelCheckpoint', the type of argument 'config' should be 'CheckpointConfig', but got ${typeof config}.`);
    }
    this.#basePrefix = prefix;
    this.directory = (directory ?? '.').replace(/\/+$/, '') || '/';
    this.config = config ?? new CheckpointConfig();
  }

  /**
   * The path of the last checkpoint written ('' before the first).
   * @example
   * ckpt.latestCkptFileName; // './checkpoints/lenet-1_32.ckpt'
   */
  get latestCkptFileName(): string {
    return this.#latest;
  }

  async #fs(): Promise<FS> {
    // process.getBuiltinModule (Node ≥ 20.16), not import(): a browser bundler must not see node:fs.
    const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    if (typeof get !== 'function') throw new Error('ModelCheckpoint writes checkpoint files, which needs Node.js (node:fs/promises).');
    return get('node:fs/promises') as FS;
  }

  #path(name: string): string {
    return `${this.directory}/${name}`;
  }

  /**
   * Makes the folder and picks the file prefix.
   * @example
   * await ckpt.onTrainBegin(ctx);
   */
  override async onTrainBegin(_runContext: RunContext): Promise<void> {
    const fs = await this.#fs();
    await fs.mkdir(this.directory, { recursive: true });
    this.#prefix ??= freePrefix(await fs.readdir(this.directory), this.#basePrefix);
  }

  /**
   * Remembers where the epoch starts (for the step number within it).
   * @example
   * ckpt.onTrainEpochBegin(ctx);
   */
  override onTrainEpochBegin(runContext: RunContext): void {
    this.#epochStartStep = runContext.originalArgs().curStepNum;
  }

  /**
   * Saves when due.
   * @example
   * await ckpt.onTrainStepEnd(ctx);
   */
  override async onTrainStepEnd(runContext: RunContext): Promise<void> {
    await this.#save(runContext.originalArgs(), false);
  }

  /**
   * Saves the last step, unless it was just saved.
   * @example
   * await ckpt.onTrainEnd(ctx);
   */
  override async onTrainEnd(runContext: RunContext): Promise<void> {
    await this.#save(runContext.originalArgs(), true);
  }

  #due(step: number, force: boolean): boolean {
    const { saveCheckpointSteps, saveCheckpointSeconds } = this.config;
    if (saveCheckpointSteps > 0) return force || step >= this.#lastTriggeredStep + saveCheckpointSteps;
    if (saveCheckpointSeconds) {
      const now = Date.now();
      if (force || now - this.#lastTime > saveCheckpointSeconds * 1000) {
        this.#lastTime = now;
        return true;
      }
    }
    return false;
  }

  /** The files of this prefix in the folder, with their modification times. */
  async #files(fs: FS, prefix: string): Promise<{ path: string; mtime: number; order: number[] }[]> {
    const out: { path: string; mtime: number; order: number[] }[] = [];
    for (const name of await fs.readdir(this.directory)) {
      const ext = name.endsWith('.ckpt') ? '.ckpt' : name.endsWith('.safetensors') ? '.safetensors' : null;
      if (!ext || !name.startsWith(`${prefix}-`)) continue;
      if (/[A-Za-z]/.test(name.slice(prefix.length, -ext.length))) continue;
      const path = this.#path(name);
      // Files written within one clock tick are ordered by their epoch and step numbers.
      const order = (name.slice(prefix.length + 1, -ext.length).match(/\d+/g) ?? []).map(Number);
      out.push({ path, mtime: (await fs.stat(path)).mtimeMs, order });
    }
    return out;
  }

  async #save(params: CallbackParams, force: boolean): Promise<void> {
    const step = params.curStepNum;
    if (step === this.#lastTriggeredStep || !this.#due(step, force)) return;
    const fs = await this.#fs();
    const prefix = (this.#prefix ??= freePrefix(await fs.readdir(this.directory), this.#basePrefix));
    const stepInEpoch = step - this.#epochStartStep;
    const ext = this.config.format === 'safetensors' ? 'safetensors' : 'ckpt';
    const file = this.#path(`${prefix}-${params.curEpochNum}_${stepInEpoch}.${ext}`);
    const files = await this.#files(fs, prefix);
    const { keepCheckpointMax, keepCheckpointPerNMinutes } = this.config;
    if (keepCheckpointMax > 0 && files.length >= keepCheckpointMax) {
      const byAge = (a: (typeof files)[number], b: (typeof files)[number]) =>
        a.mtime - b.mtime || (a.order[0] ?? 0) - (b.order[0] ?? 0) || (a.order[1] ?? 0) - (b.order[1] ?? 0);
      const oldest = [...files].sort(byAge).slice(0, files.length - keepCheckpointMax + 1);
      for (const f of oldest) if (f.path !== file) await fs.rm(f.path, { force: true });
    } else if (keepCheckpointPerNMinutes) {
      // MindSpore's keep_one_ckpoint_per_minutes: within the window, only the oldest file stays.
      const now = Date.now();
      const windowMs = keepCheckpointPerNMinutes * 60_000;
      if (now - this.#lastTimeForKeep < windowMs) {
        const recent = files.filter((f) => now - f.mtime < windowMs).sort((a, b) => a.mtime - b.mtime);
        for (const f of recent.slice(1)) await fs.rm(f.path, { force: true });
      }
    }
    this.#lastTimeForKeep = Date.now();
    this.#lastTriggeredStep = step;
    const append = this.config.appendDict ? { ...this.config.appendDict } : undefined;
    if (append && 'epoch_num' in append) append.epoch_num = params.curEpochNum;
    if (append && 'step_num' in append) append.step_num = step;
    const saved = this.config.savedNetwork ?? trainParameters(params);
    await saveCheckpoint(saved, file, { format: this.config.format, ...(append ? { appendDict: append } : {}) });
    this.#latest = file;
  }
}
