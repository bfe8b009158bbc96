/**
 * `@mindts/checkpoint`: `saveCheckpoint`, `loadCheckpoint` and `loadParamIntoNet` (MindSpore's
 * `save_checkpoint`, `load_checkpoint`, `load_param_into_net`) in MindSpore's `.ckpt` format and
 * safetensors, to Node files, memory, Blobs and IndexedDB. File paths are Node-only: the package's
 * `browser`/`default` condition swaps the file system out (see `fileIO`).
 * @module @mindts/checkpoint
 */
export { type CkptCrcOptions, decodeCkpt, encodeCkpt } from './ckptFormat.js';
export type { Entry } from './entry.js';
export { CheckpointError } from './errors.js';
export { fileIO } from './fileIO.js';
export { type IndexedDBFactory, type IndexedDBOptions, indexedDBIO } from './indexedDBIO.js';
export { type CheckpointBlob, type CheckpointIO, type CheckpointTarget, memoryIO, type ReadLimits } from './io.js';
export { type LoadOptions, loadCheckpoint } from './loadCheckpoint.js';
export { type LoadMismatch, type LoadParamOptions, loadParamIntoNet } from './loadParamIntoNet.js';
export { decodeSafetensors, encodeSafetensors } from './safetensorsFormat.js';
export { type SaveObject, type SaveOptions, saveCheckpoint } from './saveCheckpoint.js';
