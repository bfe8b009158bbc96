/**
 * `amp`: mixed-precision helpers, MindSpore's `mindspore.amp`: `autoMixedPrecision` (levels O0–O3
 * over `Cell.toFloat`), the overflow check and loss scalers (`nn.TrainOneStepWithLossScaleCell`
 * applies them in a training step).
 * @example
 * import { amp } from '@mindts/cell';
 * const net = amp.autoMixedPrecision(network, 'O2');
 * const scaler = new amp.DynamicLossScaler(2 ** 16, 2, 1000);
 * const finite = amp.allFinite(grads);
 */
export { allFinite } from './allFinite.js';
export { type AmpLevel, autoMixedPrecision, type CellClass, getBlackList, getWhiteList } from './autoMixedPrecision.js';
export { DynamicLossScaler, LossScaler, StaticLossScaler } from './lossScaler.js';
