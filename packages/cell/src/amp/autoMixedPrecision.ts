/**
 * `amp.autoMixedPrecision`, `amp.getWhiteList` and `amp.getBlackList`, after
 * mindspore/python/mindspore/train/amp.py (MindSpore 2.x `auto_mixed_precision`).
 */
import { checkArity } from '@mindts/tensor';
import type { Cell } from '../cell.js';
import { isCell, stateOf, typeName } from '../cellState.js';
import { BatchNorm1d, BatchNorm2d } from '../nn/batchNorm.js';
import { Conv1d } from '../nn/conv1d.js';
import { Conv2d } from '../nn/conv2d.js';
import { Conv2dTranspose } from '../nn/conv2dTranspose.js';
import { Dense } from '../nn/dense.js';
import { LayerNorm } from '../nn/layerNorm.js';
import { PReLU } from '../nn/prelu.js';
import { GRUCell, LSTMCell, RNNCell } from '../nn/rnn/rnnCells.js';
import { ReLU } from '../nn/activation.js';

/**
 * The levels of {@link autoMixedPrecision}.
 * @example
 * const level: amp.AmpLevel = 'O2';
 */
export type AmpLevel = 'O0' | 'O1' | 'O2' | 'O3';

/**
 * A Cell class, as the white and black lists hold them.
 * @example
 * const keep: amp.CellClass[] = [nn.BatchNorm1d, nn.LayerNorm];
 */
// biome-ignore lint/suspicious/noExplicitAny: any constructor signature.
export type CellClass = abstract new (...args: any[]) => Cell;

const LEVELS: readonly AmpLevel[] = ['O0', 'O1', 'O2', 'O3'];

// MindSpore's AMP_WHITE_LIST holds these Cells and the primitives MatMul, BatchMatMul, Conv2D, PReLU,
// ReLU, Ger; mindts cannot rewrite the ops inside a user's `construct`, so the primitives are
// covered through the Cells that run them (nn.ReLU, nn.PReLU; Dense and the convolutions).
const WHITE_LIST: readonly CellClass[] = [Conv1d, Conv2d, Conv2dTranspose, Dense, LSTMCell, RNNCell, GRUCell, ReLU, PReLU];
const BLACK_LIST: readonly CellClass[] = [BatchNorm1d, BatchNorm2d, LayerNorm];

/** Networks already processed: MindSpore does not support converting a network twice. */
const processed = new WeakSet<Cell>();

/**
 * A copy of the Cell classes that `autoMixedPrecision` level `'O1'` runs in float16 (MindSpore
 * `amp.get_white_list`): Conv1d, Conv2d, Conv2dTranspose, Dense, LSTMCell, RNNCell, GRUCell, and
 * ReLU and PReLU (MindSpore lists their primitives).
 * @example
 * amp.getWhiteList().includes(nn.Dense); // true
 */
export function getWhiteList(): CellClass[] {
  return [...WHITE_LIST];
}

/**
 * A copy of the Cell classes that `autoMixedPrecision` level `'O2'` keeps in float32 (MindSpore
 * `amp.get_black_list`): BatchNorm1d, BatchNorm2d and LayerNorm.
 * @example
 * amp.getBlackList().includes(nn.LayerNorm); // true
 */
export function getBlackList(): CellClass[] {
  return [...BLACK_LIST];
}

const inList = (cell: Cell, list: readonly CellClass[]) => list.some((cls) => cell instanceof cls);

/** O1: each white-list Cell (not already float16) runs in float16 and hands float32 on. */
function whiteList(cell: Cell): void {
  for (const [, child] of cell.nameCells()) {
    const state = stateOf(child);
    if (state.computeDtype === 'float16') continue; // set by the user, as MindSpore's `to_float_fp16` check
    if (inList(child, WHITE_LIST)) {
      child.toFloat('float16');
      state.outputDtype = 'float32';
    } else {
      whiteList(child);
    }
  }
}

/** O2: the network runs in float16 but the black-list Cells, which run in float32 and hand float16 on. */
function blackList(cell: Cell): void {
  for (const [, child] of cell.nameCells()) {
    if (inList(child, BLACK_LIST)) {
      child.toFloat('float32');
      stateOf(child).outputDtype = 'float16';
    } else {
      blackList(child);
    }
  }
}

/**
 * Prepares `network` for mixed precision (MindSpore `amp.auto_mixed_precision`) and returns it.
 * - `'O0'`: nothing changes.
 * - `'O1'`: the Cells of {@link getWhiteList} (Dense, convolutions, RNN cells, ReLU, PReLU) run in
 *   float16 (`toFloat`), their outputs cast back to float32; the rest stays float32.
 * - `'O2'`: the whole network runs in float16 but the Cells of {@link getBlackList} (BatchNorm,
 *   LayerNorm), which run in float32 and hand float16 on; the network's outputs are cast to float32.
 * - `'O3'`: the whole network runs in float16; its outputs are cast to float32.
 *
 * Parameters keep their dtype: the float32 values stay the master weights the optimizer updates,
 * each used as a float16 copy inside the float16 Cells (see `Cell.toFloat`), as MindSpore does.
 * MindSpore returns the network wrapped in an output-cast Cell (`_OutputTo32`); here the output
 * cast is a setting of the network itself, so the network returned is `network` (its Parameter
 * names and Cell paths unchanged). A network is converted once: a second call is an error.
 * `dtype` is the low precision, `'float16'` (mindts has no bfloat16).
 * @example
 * const net = amp.autoMixedPrecision(new nn.SequentialCell([new nn.Dense(784, 128, { activation: 'relu' }), new nn.Dense(128, 10)]), 'O2');
 * net.call(images).dtype; // 'float32', computed in float16
 */
export function autoMixedPrecision<C extends Cell>(network: C, ampLevel: AmpLevel = 'O0', dtype: 'float16' = 'float16'): C {
  checkArity(arguments.length, 3, 'autoMixedPrecision');
  if (!isCell(network)) throw new TypeError(`For 'autoMixedPrecision', the 'network' must be a Cell, but got ${typeName(network)}.`);
  if (!LEVELS.includes(ampLevel)) {
    const shown = typeof ampLevel === 'string' ? `'${ampLevel}'` : typeName(ampLevel);
    throw new RangeError(`For 'autoMixedPrecision', the amp level ${shown} is not supported: use one of 'O0', 'O1', 'O2', 'O3'.`);
  }
  if (dtype !== 'float16') {
    const shown = typeof dtype === 'string' ? `'${dtype}'` : typeName(dtype);
    throw new TypeError(`For 'autoMixedPrecision', the 'dtype' must be 'float16' (mindts has no bfloat16), but got ${shown}.`);
  }
  if (ampLevel === 'O0') return network;
  if (processed.has(network)) {
    throw new Error(
      `For 'autoMixedPrecision', this ${network.constructor.name} was already converted; a network is converted once (MindSpore does not support converting it again).`,
    );
  }
  processed.add(network);
  if (ampLevel === 'O1') {
    whiteList(network);
    return network;
  }
  network.toFloat(dtype);
  if (ampLevel === 'O2') blackList(network);
  stateOf(network).outputDtype = 'float32';
  return network;
}
