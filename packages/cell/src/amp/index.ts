/**
 * `amp`: mixed-precision helpers, MindSpore's `mindspore.amp`: the overflow check and loss
 * scalers (`nn.TrainOneStepWithLossScaleCell` applies them in a training step).
 * @example
 * import { amp } from '@mindts/cell';
 * const scaler = new amp.DynamicLossScaler(2 ** 16, 2, 1000);
 * const finite = amp.allFinite(grads);
 */
export { allFinite } from './allFinite.js';
export { DynamicLossScaler, LossScaler, StaticLossScaler } from './lossScaler.js';
