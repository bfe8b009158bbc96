/**
 * `transforms`: MindSpore's `mindspore.dataset.transforms` and the `vision` transforms, each usable
 * in `Dataset.map` or called on a value (`.call(x)`).
 * @example
 * import { MnistDataset, transforms } from '@mindts/dataset';
 * const ds = new MnistDataset({ usage: 'train' })
 *   .map([new transforms.Rescale(1 / 255, 0), new transforms.Normalize([0.1307], [0.3081]), new transforms.HWC2CHW()], 'image')
 *   .map(new transforms.OneHot(10), 'label');
 */
export { HWC2CHW } from './hwc2chw.js';
export { Normalize } from './normalize.js';
export { OneHot } from './oneHot.js';
export { Rescale } from './rescale.js';
export { TensorOperation } from './tensorOperation.js';
export { TypeCast } from './typeCast.js';
