/**
 * `CheckpointConfig`, after mindspore/python/mindspore/train/callback/_checkpoint.py (MindSpore 2.x).
 */
import { Cell } from '@mindts/cell';
import { checkOptions, describeType, type OptionKeys, Tensor } from '@mindts/tensor';

/**
 * A value `appendInfo` may carry into every checkpoint.
 * @example
 * const info: AppendInfo = ['epochNum', 'stepNum', { lr: 0.01 }];
 */
export type AppendInfo = ReadonlyArray<'epochNum' | 'stepNum' | Readonly<Record<string, number | boolean | string | Tensor>>>;

/**
 * Options of {@link CheckpointConfig} (MindSpore's arguments in camelCase). Not supported:
 * `integratedSave`, `asyncSave`, `encKey`/`encMode`, `exceptionSave` (an error names them).
 * @example
 * new CheckpointConfig({ saveCheckpointSteps: 100, keepCheckpointMax: 3 });
 */
export interface CheckpointConfigOptions {
  /** Save every this many steps (default 1); 0 to save by time instead. */
  saveCheckpointSteps?: number;
  /** Save every this many seconds, when `saveCheckpointSteps` is 0 (default 0). */
  saveCheckpointSeconds?: number;
  /** Keep at most this many checkpoint files of the prefix, deleting the oldest (default 5). */
  keepCheckpointMax?: number;
  /** With `keepCheckpointMax` 0: keep one file per this many minutes (default 0). */
  keepCheckpointPerNMinutes?: number;
  /** The Cell to save instead of the trained network and its optimizer. */
  savedNetwork?: Cell | null;
  /** `'epochNum'`, `'stepNum'` and one dict of values, stored in every file (`epoch_num`, `step_num`, …). */
  appendInfo?: AppendInfo | null;
  /** `'ckpt'` (default) or `'safetensors'`. */
  format?: 'ckpt' | 'safetensors';
}

const CONFIG_KEYS: OptionKeys<CheckpointConfigOptions> = {
  saveCheckpointSteps: true,
  saveCheckpointSeconds: true,
  keepCheckpointMax: true,
  keepCheckpointPerNMinutes: true,
  savedNetwork: true,
  appendInfo: true,
  format: true,
};

function nonNegativeInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`For 'CheckpointConfig', the argument '${name}' must be an int >= 0, but got ${String(value)}.`);
  }
  return value;
}

function appendDictOf(info: unknown): Record<string, number | boolean | string | Tensor> | null {
  if (info === null || info === undefined || (Array.isArray(info) && info.length === 0)) return null;
  if (!Array.isArray(info))
    throw new TypeError(`For 'CheckpointConfig', the type of 'appendInfo' must be list, but got ${describeType(info)}.`);
  const out: Record<string, number | boolean | string | Tensor> = {};
  let dicts = 0;
  for (const element of info) {
    if (element === 'epochNum') out.epoch_num = 0;
    else if (element === 'stepNum') out.step_num = 0;
    else if (element !== null && typeof element === 'object' && !Array.isArray(element)) {
      if (++dicts > 1) throw new TypeError(`For 'CheckpointConfig', the element of 'appendInfo' must has only one dict, but got ${dicts}.`);
      for (const [k, v] of Object.entries(element)) {
        if (!(typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v instanceof Tensor)) {
          throw new TypeError(
            `For 'CheckpointConfig', appendInfo's dict value '${k}' must be a number, bool, string or Tensor, but got ${describeType(v)}.`,
          );
        }
        out[k] = v;
      }
    } else {
      throw new RangeError(
        `For 'CheckpointConfig', an element of 'appendInfo' must be 'epochNum', 'stepNum' or a dict, but got ${String(element)}.`,
      );
    }
  }
  return out;
}

/**
 * How {@link ModelCheckpoint} saves (MindSpore `CheckpointConfig`): every `saveCheckpointSteps`
 * steps (or `saveCheckpointSeconds` seconds), keeping the newest `keepCheckpointMax` files (or one
 * per `keepCheckpointPerNMinutes` minutes). As in MindSpore, steps win over seconds and the
 * maximum over the minutes, and all four may not be 0 together.
 * @example
 * const config = new CheckpointConfig({ saveCheckpointSteps: 32, keepCheckpointMax: 2, appendInfo: ['epochNum'] });
 * new ModelCheckpoint('lenet', './ckpt', config);
 */
export class CheckpointConfig {
  readonly saveCheckpointSteps: number;
  readonly saveCheckpointSeconds: number | null;
  readonly keepCheckpointMax: number;
  readonly keepCheckpointPerNMinutes: number | null;
  readonly savedNetwork: Cell | null;
  /** The values stored in every checkpoint (`epoch_num` and `step_num` filled at save time), or null. */
  readonly appendDict: Readonly<Record<string, number | boolean | string | Tensor>> | null;
  readonly format: 'ckpt' | 'safetensors';

  constructor(options?: CheckpointConfigOptions) {
    const o = checkOptions<CheckpointConfigOptions>(options, 'CheckpointConfig', CONFIG_KEYS);
    const steps = nonNegativeInt(o.saveCheckpointSteps ?? 1, 'saveCheckpointSteps');
    const seconds = nonNegativeInt(o.saveCheckpointSeconds ?? 0, 'saveCheckpointSeconds');
    const keepMax = nonNegativeInt(o.keepCheckpointMax ?? 5, 'keepCheckpointMax');
    const perMinutes = nonNegativeInt(o.keepCheckpointPerNMinutes ?? 0, 'keepCheckpointPerNMinutes');
    if (o.savedNetwork !== undefined && o.savedNetwork !== null && !(o.savedNetwork instanceof Cell)) {
      throw new TypeError(
        `For 'CheckpointConfig', the type of 'savedNetwork' must be None or Cell, but got ${describeType(o.savedNetwork)}.`,
      );
    }
    if (!steps && !seconds && !keepMax && !perMinutes) {
      throw new RangeError(
        "For 'CheckpointConfig', the input arguments 'saveCheckpointSteps', 'saveCheckpointSeconds', 'keepCheckpointMax' and 'keepCheckpointPerNMinutes' can't be all None or 0.",
      );
    }
    const format = o.format ?? 'ckpt';
    if (format !== 'ckpt' && format !== 'safetensors') {
      throw new RangeError(`For 'CheckpointConfig', 'format' must be 'ckpt' or 'safetensors', but got ${String(format)}.`);
    }
    this.saveCheckpointSteps = steps;
    this.saveCheckpointSeconds = steps > 0 ? null : seconds;
    this.keepCheckpointMax = keepMax > 0 ? keepMax : perMinutes ? 0 : 1;
    this.keepCheckpointPerNMinutes = keepMax > 0 ? null : perMinutes;
    this.savedNetwork = o.savedNetwork ?? null;
    this.appendDict = appendDictOf(o.appendInfo);
    this.format = format;
  }

  /**
   * The policy as one object (MindSpore `get_checkpoint_policy`).
   * @example
   * new CheckpointConfig().getCheckpointPolicy().keepCheckpointMax; // 5
   */
  getCheckpointPolicy(): {
    saveCheckpointSteps: number;
    saveCheckpointSeconds: number | null;
    keepCheckpointMax: number;
    keepCheckpointPerNMinutes: number | null;
    savedNetwork: Cell | null;
  } {
    const { saveCheckpointSteps, saveCheckpointSeconds, keepCheckpointMax, keepCheckpointPerNMinutes, savedNetwork } = this;
    return { saveCheckpointSteps, saveCheckpointSeconds, keepCheckpointMax, keepCheckpointPerNMinutes, savedNetwork };
  }
}
