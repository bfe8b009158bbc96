/**
 * `GRU`, after `GRU` in mindspore/python/mindspore/nn/layer/rnns.py (MindSpore 2.x).
 */
import { checkOptions, type Tensor } from '@mindts/tensor';
import { RNN_BASE_KEYS } from './rnn.js';
import { RNNBase, type RNNBaseOptions } from './rnnBase.js';

/**
 * Stacked gated recurrent unit layers (MindSpore `nn.GRU`), gates r, z, n:
 * `n_t = tanh(W_in·x_t + b_in + r_t·(W_hn·h_{t-1} + b_hn))`, `h_t = (1 - z_t)·n_t + z_t·h_{t-1}`.
 * `call(x, hx?, seqLength?)` returns `[output, hN]`; shapes and `seqLength` as for {@link RNN}.
 * @example
 * const gru = new nn.GRU(10, 16, { numLayers: 2 });
 * const [output, hN] = gru.call(ones([5, 3, 10])); // output [5, 3, 16], hN [2, 3, 16]
 */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNBaseOptions = {}) {
    super('GRU', 'GRU', inputSize, hiddenSize, checkOptions<RNNBaseOptions>(options, 'GRU', RNN_BASE_KEYS));
  }

  override construct(x: Tensor, hx?: Tensor | null, seqLength?: Tensor | null): [Tensor, Tensor] {
    return this.run(x, hx, seqLength) as [Tensor, Tensor];
  }
}
