/**
 * `amp`: mixed-precision helpers, MindSpore's `mindspore.amp`: `autoMixedPrecision` (levels O0–O3
 * over `Cell.toFloat`), `buildTrainNetwork` (a training Cell at a level), the overflow check, loss
 * scalers and loss-scale managers (`nn.TrainOneStepWithLossScaleCell` and `Model` apply them).
 * @example
 * import { amp } from '@mindts/cell';
 * const net = amp.autoMixedPrecision(network, 'O2');
 * const scaler = new amp.DynamicLossScaler(2 ** 16, 2, 1000);
 * const finite = amp.allFinite(grads);
 */
export { allFinite } from './allFinite.js';
export { type AmpLevel, autoMixedPrecision, type CellClass, getBlackList, getWhiteList } from './autoMixedPrecision.js';
export { type AmpConfig, type AmpConfigOptions, ampConfig, buildTrainNetwork } from './buildTrainNetwork.js';
export { DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager } from './lossScaleManager.js';
export { DynamicLossScaler, LossScaler, StaticLossScaler } from './lossScaler.js';
