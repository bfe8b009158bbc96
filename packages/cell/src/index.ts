/**
 * `@mindts/cell`: `Cell` (MindSpore's `nn.Cell`), the `nn` layers and `amp` (loss scaling).
 * @module @mindts/cell
 */
export { Cell, type CellOptions } from './cell.js';
export * as amp from './amp/index.js';
export * as nn from './nn/index.js';
