/**
 * `@mindts/cell`: `Cell` (MindSpore's `nn.Cell`) and the `nn` layers.
 * @module @mindts/cell
 */
export { Cell, type CellOptions } from './cell.js';
export * as nn from './nn/index.js';
