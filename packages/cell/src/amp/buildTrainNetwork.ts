/**
 * `amp.buildTrainNetwork`, after MindSpore's `amp.build_train_network`
 * (mindspore/python/mindspore/train/amp.py): a network, its loss and optimizer made into one
 * training Cell at a mixed-precision level, with the level's loss scale. {@link ampConfig} is the
 * level's settings with the caller's overrides, which `Model` uses too.
 */
import { checkArity, checkOptions, type OptionKeys } from '@mindts/tensor';
import type { Cell } from '../cell.js';
import { isCell, typeName } from '../cellState.js';
import { show } from '../nn/checks.js';
import { Optimizer } from '../nn/optim/optimizer.js';
import { TrainOneStepCell } from '../nn/wrap/trainOneStepCell.js';
import { TrainOneStepWithLossScaleCell } from '../nn/wrap/trainOneStepWithLossScaleCell.js';
import { WithLossCell } from '../nn/wrap/withLossCell.js';
import { type AmpLevel, autoMixedPrecision } from './autoMixedPrecision.js';
import { DynamicLossScaleManager, LossScaleManager } from './lossScaleManager.js';

/**
 * Overrides of a level's settings (MindSpore's keyword arguments of `build_train_network`).
 * @example
 * amp.buildTrainNetwork(net, opt, lossFn, 'O2', { lossScaleManager: new amp.FixedLossScaleManager(1024) });
 */
export interface AmpConfigOptions {
  /** Run the network in this dtype instead of the level's (`'float16'` at O2/O3, else `'float32'`). */
  castModelType?: 'float16' | 'float32';
  /** With a float16 network, keep BatchNorm and LayerNorm in float32 (default: true at O2, false otherwise). */
  keepBatchnormFp32?: boolean;
  /** The loss scale (default: a `DynamicLossScaleManager()` at O2, none otherwise); null for none. */
  lossScaleManager?: LossScaleManager | null;
}

const CONFIG_KEYS: OptionKeys<AmpConfigOptions> = { castModelType: true, keepBatchnormFp32: true, lossScaleManager: true };
const LEVELS: readonly string[] = ['O0', 'O1', 'O2', 'O3'];

/**
 * What a level and its overrides come to: the `autoMixedPrecision` level to convert with, and the loss scale.
 * @example
 * const { convertLevel, lossScaleManager } = amp.ampConfig('O2', { keepBatchnormFp32: false }, 'Model'); // 'O3', a DynamicLossScaleManager
 */
export interface AmpConfig {
  readonly convertLevel: AmpLevel;
  readonly lossScaleManager: LossScaleManager | null;
}

/**
 * The settings of `level` (MindSpore's `_config_level`) with `options` over them, checked.
 * `'auto'` is refused: it picks by device target, which mindts has not.
 * @example
 * amp.ampConfig('O2', {}, 'Model'); // { convertLevel: 'O2', lossScaleManager: DynamicLossScaleManager }
 */
export function ampConfig(level: unknown, options: unknown, where: string): AmpConfig {
  if (typeof where !== 'string')
    throw new TypeError(`For 'ampConfig', the 'where' must be a string (the caller's name), but got ${typeName(where)}.`);
  if (level === 'auto') {
    throw new RangeError(
      `For '${where}', the level 'auto' picks O2 on a GPU and O3 on Ascend in MindSpore; mindts has no device target to pick by: pass 'O0', 'O1', 'O2' or 'O3'.`,
    );
  }
  if (typeof level !== 'string' || !LEVELS.includes(level)) {
    throw new RangeError(
      `For '${where}', the level must be one of 'O0', 'O1', 'O2', 'O3', 'auto', but got ${typeof level === 'string' ? `'${level}'` : typeName(level)}.`,
    );
  }
  const o = checkOptions<AmpConfigOptions>(options, where, CONFIG_KEYS);
  const half = level === 'O2' || level === 'O3';
  const cast = o.castModelType ?? (half ? 'float16' : 'float32');
  if (cast !== 'float16' && cast !== 'float32') {
    throw new TypeError(`For '${where}', the 'castModelType' must be 'float16' or 'float32', but got ${show(cast)}.`);
  }
  const keepBn = o.keepBatchnormFp32 ?? level === 'O2';
  if (typeof keepBn !== 'boolean') {
    throw new TypeError(`For '${where}', the 'keepBatchnormFp32' must be a bool, but got ${show(keepBn)}.`);
  }
  const manager = o.lossScaleManager === undefined ? (level === 'O2' ? new DynamicLossScaleManager() : null) : o.lossScaleManager;
  if (manager !== null && !(manager instanceof LossScaleManager)) {
    throw new TypeError(`For '${where}', the 'lossScaleManager' must be an amp.LossScaleManager or null, but got ${typeName(manager)}.`);
  }
  // MindSpore's order of cases: a float16 cast honours keepBatchnormFp32; O2 without it casts all;
  // a float32 cast at O2/O3 leaves the network as it is; O0/O1 convert by their lists.
  let convertLevel: AmpLevel;
  if (cast === 'float16') convertLevel = keepBn ? 'O2' : 'O3';
  else if (!keepBn && level === 'O2') convertLevel = 'O3';
  else if (half) convertLevel = 'O0';
  else convertLevel = level as AmpLevel;
  return { convertLevel, lossScaleManager: manager };
}

/**
 * The training Cell for `network` at mixed-precision `level` (MindSpore
 * `amp.build_train_network(network, optimizer, loss_fn=None, level='O0', **kwargs)`): the network
 * converted with `autoMixedPrecision` (O2: float16 but BatchNorm and LayerNorm, outputs float32),
 * joined to `lossFn` by an `nn.WithLossCell`, and wrapped in an `nn.TrainOneStepWithLossScaleCell`
 * when the loss scale has an update Cell (O2's default `DynamicLossScaleManager`, a
 * `FixedLossScaleManager` that drops overflowing steps), else in an `nn.TrainOneStepCell` whose
 * `sens` is the fixed scale. `network` is converted in place (a network converts once), so pass
 * `'O0'` for one already converted.
 * @example
 * const train = amp.buildTrainNetwork(net, new nn.Momentum(net.trainableParams(), 0.01, 0.9), new nn.CrossEntropyLoss(), 'O2');
 * const [loss, overflow, scale] = train.call(images, labels) as Tensor[];
 */
export function buildTrainNetwork(
  network: Cell,
  optimizer: Optimizer,
  lossFn: Cell | null = null,
  level: AmpLevel | 'auto' = 'O0',
  options?: AmpConfigOptions,
): TrainOneStepCell | TrainOneStepWithLossScaleCell {
  checkArity(arguments.length, 5, 'buildTrainNetwork');
  const where = 'buildTrainNetwork';
  if (!isCell(network)) throw new TypeError(`For '${where}', the 'network' must be a Cell, but got ${typeName(network)}.`);
  if (!(optimizer instanceof Optimizer))
    throw new TypeError(`For '${where}', the 'optimizer' must be an nn.Optimizer, but got ${typeName(optimizer)}.`);
  if (lossFn !== null && lossFn !== undefined && !isCell(lossFn))
    throw new TypeError(`For '${where}', the 'lossFn' must be a Cell or null, but got ${typeName(lossFn)}.`);
  const { convertLevel, lossScaleManager } = ampConfig(level, options, where);
  const converted = autoMixedPrecision(network, convertLevel);
  const withLoss = lossFn ? new WithLossCell(converted, lossFn) : converted;
  const update = lossScaleManager?.getUpdateCell() ?? null;
  const train = update
    ? new TrainOneStepWithLossScaleCell(withLoss, optimizer, update)
    : new TrainOneStepCell(withLoss, optimizer, lossScaleManager?.getLossScale() ?? 1);
  return train.setTrain(true);
}
