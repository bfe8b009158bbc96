/**
 * Single recurrent cells, after `RNNCellBase`, `RNNCell`, `LSTMCell` and `GRUCell` in
 * mindspore/python/mindspore/nn/layer/rnn_cells.py (MindSpore 2.x, mirrored in
 * mindspore-ai/mindspore_test@32819c0cc47c46cc24c2cfc99250b7598e2b162c): Parameters
 * `weight_ih` `[G·hidden, input]`, `weight_hh` `[G·hidden, hidden]`, `bias_ih`, `bias_hh`
 * `[G·hidden]`, all drawn from uniform(-1/√hidden, 1/√hidden).
 */
import { initializer, Uniform } from '@mindts/initializer';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, type OptionKeys, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { checkBool, checkDType, checkPositiveInt } from '../checks.js';
import { cellStep, gateCount, project, type RNNMode } from './rnnCellFunctions.js';
import { checkFloatTensor, checkNonlinearity, checkStatePair, checkShape } from './rnnChecks.js';

/**
 * Options of {@link LSTMCell} and {@link GRUCell}.
 * @example
 * new nn.GRUCell(10, 16, { hasBias: false });
 */
export interface RNNCellBaseOptions {
  /** Whether the cell has `bias_ih` and `bias_hh` (default true). */
  hasBias?: boolean;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

/**
 * Options of {@link RNNCell}.
 * @example
 * new nn.RNNCell(10, 16, { nonlinearity: 'relu' });
 */
export interface RNNCellOptions extends RNNCellBaseOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
}

const BASE_KEYS: OptionKeys<RNNCellBaseOptions> = { hasBias: true, dtype: true };
const RNN_KEYS: OptionKeys<RNNCellOptions> = { ...BASE_KEYS, nonlinearity: true };

/**
 * The base of the recurrent cells (MindSpore `RNNCellBase`): holds `weight_ih`, `weight_hh` and,
 * with `hasBias`, `bias_ih` and `bias_hh`.
 * @example
 * const cell: nn.RNNCellBase = new nn.GRUCell(3, 4);
 * cell.weight_ih.shape; // [12, 3]
 */
export abstract class RNNCellBase extends Cell {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly hasBias: boolean;
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;
  protected readonly mode: RNNMode;

  protected constructor(mode: RNNMode, cls: string, inputSize: number, hiddenSize: number, options: RNNCellBaseOptions) {
    super();
    this.mode = mode;
    this.hasBias = checkBool(options.hasBias ?? true, 'hasBias', cls);
    this.hiddenSize = checkPositiveInt(hiddenSize, 'hiddenSize', cls);
    this.inputSize = checkPositiveInt(inputSize, 'inputSize', cls);
    const dtype = checkDType(options.dtype, cls);
    const gates = gateCount(mode) * hiddenSize;
    const init = (shape: number[]) => initializer(new Uniform({ scale: 1 / Math.sqrt(hiddenSize) }), shape, dtype);
    this.weight_ih = new Parameter(init([gates, inputSize]), 'weight_ih');
    this.weight_hh = new Parameter(init([gates, hiddenSize]), 'weight_hh');
    this.bias_ih = this.hasBias ? new Parameter(init([gates]), 'bias_ih') : null;
    this.bias_hh = this.hasBias ? new Parameter(init([gates]), 'bias_hh') : null;
  }

  /** Checks `x` `[batch, inputSize]` and a state Tensor `[batch, hiddenSize]`. */
  protected checkInputs(x: unknown, hx: unknown, arg: string): [Tensor, Tensor] {
    const cls = this.constructor.name;
    const xt = checkFloatTensor(x, 'x', cls);
    if (xt.rank !== 2 || xt.shape[1] !== this.inputSize) {
      throw new RangeError(`For '${cls}', the 'x' must have shape [batch, ${this.inputSize}], but got [${xt.shape.join(', ')}].`);
    }
    const h = checkFloatTensor(hx, arg, cls);
    checkShape(h, [xt.shape[0] as number, this.hiddenSize], arg, cls, '[batch, hiddenSize]');
    return [xt, h];
  }

  /** One step of this cell from `x` and the state (`[h, c]` for LSTM). */
  protected step(x: Tensor, state: Tensor | readonly [Tensor, Tensor]): Tensor | readonly [Tensor, Tensor] {
    return tidy(() => cellStep(this.mode, project(x, this.weight_ih, this.bias_ih), state, this.weight_hh, this.bias_hh));
  }

  override extendRepr(): string {
    return `input_size=${this.inputSize}, hidden_size=${this.hiddenSize}, has_bias=${this.hasBias ? 'True' : 'False'}`;
  }
}

/**
 * An Elman RNN cell: `h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)` (or ReLU), MindSpore `nn.RNNCell`.
 * `call(x [batch, inputSize], hx [batch, hiddenSize])` returns `h'` `[batch, hiddenSize]`.
 * @example
 * const cell = new nn.RNNCell(10, 16);
 * let h = zeros([3, 16]);
 * for (const xt of ops.split(x, 1, 0)) h = cell.call(ops.squeeze(xt, 0), h); // x [T, 3, 10]
 */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    const opts = checkOptions<RNNCellOptions>(options, 'RNNCell', RNN_KEYS);
    const nonlinearity = checkNonlinearity(opts.nonlinearity ?? 'tanh', 'RNNCell');
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNNCell', inputSize, hiddenSize, opts);
    this.nonlinearity = nonlinearity;
  }

  override construct(x: Tensor, hx: Tensor): Tensor {
    const [xt, h] = this.checkInputs(x, hx, 'hx');
    return this.step(xt, h) as Tensor;
  }

  override extendRepr(): string {
    return `${super.extendRepr()}, nonlinearity=${this.nonlinearity}`;
  }
}

/**
 * A long short-term memory cell (MindSpore `nn.LSTMCell`), gates i, f, g, o:
 * `c' = σ(f)·c + σ(i)·tanh(g)`, `h' = σ(o)·tanh(c')`. `call(x, [h, c])` returns `[h', c']`.
 * @example
 * const cell = new nn.LSTMCell(10, 16);
 * const [h, c] = cell.call(ones([3, 10]), [zeros([3, 16]), zeros([3, 16])]);
 */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellBaseOptions = {}) {
    super('LSTM', 'LSTMCell', inputSize, hiddenSize, checkOptions<RNNCellBaseOptions>(options, 'LSTMCell', BASE_KEYS));
  }

  override construct(x: Tensor, hx: readonly [Tensor, Tensor]): [Tensor, Tensor] {
    const [h0, c0] = checkStatePair(hx, 'hx', 'LSTMCell');
    const [xt] = this.checkInputs(x, h0, 'hx[0]');
    checkShape(c0, h0.shape, 'hx[1]', 'LSTMCell', "the shape of 'hx[0]'");
    return [...(this.step(xt, [h0, c0]) as [Tensor, Tensor])];
  }
}

/**
 * A gated recurrent unit cell (MindSpore `nn.GRUCell`), gates r, z, n:
 * `n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn))`, `h' = (1 - z)·n + z·h`.
 * @example
 * const cell = new nn.GRUCell(10, 16);
 * cell.call(ones([3, 10]), zeros([3, 16])).shape; // [3, 16]
 */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellBaseOptions = {}) {
    super('GRU', 'GRUCell', inputSize, hiddenSize, checkOptions<RNNCellBaseOptions>(options, 'GRUCell', BASE_KEYS));
  }

  override construct(x: Tensor, hx: Tensor): Tensor {
    const [xt, h] = this.checkInputs(x, hx, 'hx');
    return this.step(xt, h) as Tensor;
  }
}
