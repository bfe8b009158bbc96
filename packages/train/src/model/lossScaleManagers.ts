/**
 * The loss-scale managers under `mindspore.train`'s names (MindSpore exports them from
 * `mindspore.train` and `mindspore.amp` alike): the classes of `@mindts/cell`'s `amp`.
 */
import { amp } from '@mindts/cell';

/**
 * MindSpore's `mindspore.train.LossScaleManager`: `amp.LossScaleManager`.
 * @example
 * const isManager = manager instanceof LossScaleManager;
 */
export const LossScaleManager = amp.LossScaleManager;
export type LossScaleManager = amp.LossScaleManager;

/**
 * MindSpore's `mindspore.train.FixedLossScaleManager`: `amp.FixedLossScaleManager`.
 * @example
 * const model = new Model(net, { lossFn, optimizer, lossScaleManager: new FixedLossScaleManager(1024) });
 */
export const FixedLossScaleManager = amp.FixedLossScaleManager;
export type FixedLossScaleManager = amp.FixedLossScaleManager;

/**
 * MindSpore's `mindspore.train.DynamicLossScaleManager`: `amp.DynamicLossScaleManager`.
 * @example
 * const model = new Model(net, { lossFn, optimizer, ampLevel: 'O2', lossScaleManager: new DynamicLossScaleManager(2 ** 16) });
 */
export const DynamicLossScaleManager = amp.DynamicLossScaleManager;
export type DynamicLossScaleManager = amp.DynamicLossScaleManager;
