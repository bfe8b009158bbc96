/**
 * One time step of each recurrent cell, after `_rnn_tanh_cell`, `_rnn_relu_cell`, `_lstm_cell`
 * and `_gru_cell` in mindspore/python/mindspore/nn/layer/rnn_cells.py (which follow PyTorch's
 * fastrnns cells): gate order i, f, g, o for LSTM and r, z, n for GRU. The input projection
 * `gi = x·W_ihᵀ + b_ih` is an argument, so a layer computes it for the whole sequence at once.
 */
import * as ops from '@mindts/ops';
import type { Tensor } from '@mindts/tensor';

/** MindSpore's RNN modes. */
export type RNNMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** The hidden state: `h`, or `[h, c]` for LSTM. */
export type RNNState = Tensor | readonly [Tensor, Tensor];

/** Gates per hidden unit of each mode (the rows of `W_ih` are `gateCount(mode) * hiddenSize`). */
export function gateCount(mode: RNNMode): number {
  return mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1;
}

/** `x·Wᵀ + b` for `x` of any rank (the last axis is contracted). */
export function project(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const y = ops.matmul(x, w, { transposeB: true });
  return b ? ops.add(y, b) : y;
}

/** The next state from the input projection `gi` `[B, G·H]` and the state. */
export function cellStep(mode: RNNMode, gi: Tensor, state: RNNState, wHh: Tensor, bHh: Tensor | null): RNNState {
  const hidden = wHh.shape[1] as number;
  if (mode === 'LSTM') {
    const [h, c] = state as readonly [Tensor, Tensor];
    const [i, f, g, o] = ops.split(ops.add(gi, project(h, wHh, bHh)), hidden, -1) as [Tensor, Tensor, Tensor, Tensor];
    const cy = ops.add(ops.mul(ops.sigmoid(f), c), ops.mul(ops.sigmoid(i), ops.tanh(g)));
    return [ops.mul(ops.sigmoid(o), ops.tanh(cy)), cy];
  }
  const h = state as Tensor;
  if (mode === 'GRU') {
    const [ir, iz, iN] = ops.split(gi, hidden, -1) as [Tensor, Tensor, Tensor];
    const [hr, hz, hN] = ops.split(project(h, wHh, bHh), hidden, -1) as [Tensor, Tensor, Tensor];
    const r = ops.sigmoid(ops.add(ir, hr));
    const z = ops.sigmoid(ops.add(iz, hz));
    const n = ops.tanh(ops.add(iN, ops.mul(r, hN)));
    return ops.add(n, ops.mul(z, ops.sub(h, n)));
  }
  const pre = ops.add(gi, project(h, wHh, bHh));
  return mode === 'RNN_TANH' ? ops.tanh(pre) : ops.relu(pre);
}
