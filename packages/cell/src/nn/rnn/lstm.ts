/**
 * `LSTM`, after `LSTM` in mindspore/python/mindspore/nn/layer/rnns.py (MindSpore 2.x).
 */
import { checkOptions, type Tensor } from '@mindts/tensor';
import { RNN_BASE_KEYS } from './rnn.js';
import { RNNBase, type RNNBaseOptions } from './rnnBase.js';

/**
 * Stacked long short-term memory layers (MindSpore `nn.LSTM`), gates i, f, g, o.
 * `call(x, [h0, c0]?, seqLength?)` returns `[output, [hN, cN]]`; shapes and `seqLength` as for
 * {@link RNN}, with `c` shaped like `h`.
 * @example
 * const lstm = new nn.LSTM(10, 16, { bidirectional: true });
 * const [output, [hN, cN]] = lstm.call(ones([5, 3, 10])); // output [5, 3, 32], hN and cN [2, 3, 16]
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNBaseOptions = {}) {
    super('LSTM', 'LSTM', inputSize, hiddenSize, checkOptions<RNNBaseOptions>(options, 'LSTM', RNN_BASE_KEYS));
  }

  override construct(x: Tensor, hx?: readonly [Tensor, Tensor] | null, seqLength?: Tensor | null): [Tensor, [Tensor, Tensor]] {
    const [output, [hN, cN]] = this.run(x, hx, seqLength) as [Tensor, [Tensor, Tensor]];
    return [output, [hN, cN]];
  }
}
