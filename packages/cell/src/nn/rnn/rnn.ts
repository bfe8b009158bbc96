/**
 * `RNN`, after `RNN` in mindspore/python/mindspore/nn/layer/rnns.py (MindSpore 2.x).
 */
import { checkOptions, type OptionKeys, type Tensor } from '@mindts/tensor';
import { RNNBase, type RNNBaseOptions } from './rnnBase.js';
import { checkNonlinearity } from './rnnChecks.js';

/**
 * Options of {@link RNN}: those of every recurrent layer plus `nonlinearity`.
 * @example
 * new nn.RNN(10, 16, { nonlinearity: 'relu', numLayers: 2 });
 */
export interface RNNOptions extends RNNBaseOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
}

/** Every key of the recurrent layers' options. */
export const RNN_BASE_KEYS: OptionKeys<RNNBaseOptions> = {
  numLayers: true,
  hasBias: true,
  batchFirst: true,
  dropout: true,
  bidirectional: true,
  dtype: true,
};
const RNN_KEYS: OptionKeys<RNNOptions> = { ...RNN_BASE_KEYS, nonlinearity: true };

/**
 * Stacked Elman RNN layers (MindSpore `nn.RNN`): `h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh)`
 * (or ReLU). `call(x, hx?, seqLength?)` takes `x` `[seq, batch, inputSize]` (`[batch, seq, …]` with
 * `batchFirst`), `hx` `[numLayers·numDirections, batch, hiddenSize]` (default zeros) and `seqLength`
 * `[batch]` (int32/int64: outputs past a length are zero, `hN` is the state at the last valid step and
 * the reverse direction reverses each sequence within its length); returns `[output, hN]` with
 * `output` `[seq, batch, numDirections·hiddenSize]`.
 * @example
 * const rnn = new nn.RNN(10, 16, { numLayers: 2, batchFirst: true });
 * const [output, hN] = rnn.call(ones([3, 5, 10])); // output [3, 5, 16], hN [2, 3, 16]
 */
export class RNN extends RNNBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const opts = checkOptions<RNNOptions>(options, 'RNN', RNN_KEYS);
    const nonlinearity = checkNonlinearity(opts.nonlinearity ?? 'tanh', 'RNN');
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNN', inputSize, hiddenSize, opts);
    this.nonlinearity = nonlinearity;
  }

  override construct(x: Tensor, hx?: Tensor | null, seqLength?: Tensor | null): [Tensor, Tensor] {
    return this.run(x, hx, seqLength) as [Tensor, Tensor];
  }

  override extendRepr(): string {
    return `${super.extendRepr()}, nonlinearity=${this.nonlinearity}`;
  }
}
