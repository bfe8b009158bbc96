/**
 * `vision`: MindSpore's `mindspore.dataset.vision` transforms (the same classes as in
 * `transforms`), for code ported with its module names.
 * @example
 * import { vision } from '@mindts/dataset';
 * dataset.map([new vision.Rescale(1 / 255, 0), new vision.HWC2CHW()], 'image');
 */
export { HWC2CHW } from './hwc2chw.js';
export { Normalize } from './normalize.js';
export { Rescale } from './rescale.js';
