/**
 * The stacked, optionally bidirectional recurrent layer behind `RNN`, `LSTM` and `GRU`, after
 * `_RNNBase` and `_DynamicRNNBase` in mindspore/python/mindspore/nn/layer/rnns.py (MindSpore 2.x,
 * mirrored in mindspore-ai/mindspore_test@1d31a016546f8ba560690bd6fd423685dd1192d4). The input
 * projection of a whole sequence is one matmul; each step adds the hidden projection and the
 * gates, all with differentiable ops, so gradients come from autograd.
 */
import { initializer, Uniform } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { arange, type DType, type Tensor, tidy, zeros } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { typeName } from '../../cellState.js';
import { checkBool, checkDType, checkPositiveInt, show } from '../checks.js';
import { cellStep, gateCount, project, type RNNMode, type RNNState } from './rnnCellFunctions.js';
import { checkFloatTensor, checkStatePair, checkShape } from './rnnChecks.js';

/**
 * Options of {@link LSTM} and {@link GRU} (and, with `nonlinearity`, {@link RNN}), in MindSpore's order.
 * @example
 * new nn.LSTM(10, 16, { numLayers: 2, batchFirst: true, bidirectional: true });
 */
export interface RNNBaseOptions {
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** Whether each layer has `bias_ih` and `bias_hh` (default true). */
  hasBias?: boolean;
  /** Inputs and outputs are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training mode (default 0). */
  dropout?: number;
  /** Whether to run a reverse direction too (default false). */
  bidirectional?: boolean;
  /** The dtype of the Parameters (default float32). */
  dtype?: DType;
}

interface LayerNames {
  ih: string;
  hh: string;
  bih: string;
  bhh: string;
}

/**
 * The shared body of {@link RNN}, {@link LSTM} and {@link GRU} (MindSpore `_RNNBase`). Parameters
 * `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` and their `_reverse` twins, as
 * in PyTorch, drawn from uniform(-1/√hidden, 1/√hidden).
 * @example
 * const gru: nn.RNNBase = new nn.GRU(3, 4, { numLayers: 2 });
 * gru.numLayers; // 2
 */
export abstract class RNNBase extends Cell {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly hasBias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  protected readonly mode: RNNMode;
  readonly #names: LayerNames[] = [];

  protected constructor(mode: RNNMode, cls: string, inputSize: number, hiddenSize: number, options: RNNBaseOptions) {
    super();
    this.mode = mode;
    this.hiddenSize = checkPositiveInt(hiddenSize, 'hiddenSize', cls);
    this.inputSize = checkPositiveInt(inputSize, 'inputSize', cls);
    this.numLayers = checkPositiveInt(options.numLayers ?? 1, 'numLayers', cls);
    const dropout = options.dropout ?? 0;
    if (typeof dropout !== 'number') throw new TypeError(`For '${cls}', the 'dropout' must be float, but got '${typeName(dropout)}'.`);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new RangeError(
        `For '${cls}', the 'dropout' must be a number in range [0, 1) representing the probability of an element being zeroed, but got ${show(dropout)}.`,
      );
    }
    this.dropout = dropout;
    this.hasBias = checkBool(options.hasBias ?? true, 'hasBias', cls);
    this.batchFirst = checkBool(options.batchFirst ?? false, 'batchFirst', cls);
    this.bidirectional = checkBool(options.bidirectional ?? false, 'bidirectional', cls);
    const dtype = checkDType(options.dtype, cls);
    const gates = gateCount(mode) * hiddenSize;
    const directions = this.bidirectional ? 2 : 1;
    const init = (shape: number[]) => initializer(new Uniform({ scale: 1 / Math.sqrt(hiddenSize) }), shape, dtype);
    for (let layer = 0; layer < this.numLayers; layer++) {
      for (let direction = 0; direction < directions; direction++) {
        const layerInput = layer === 0 ? inputSize : hiddenSize * directions;
        const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
        const names = { ih: `weight_ih${suffix}`, hh: `weight_hh${suffix}`, bih: `bias_ih${suffix}`, bhh: `bias_hh${suffix}` };
        this.insertParamToCell(names.ih, new Parameter(init([gates, layerInput]), names.ih));
        this.insertParamToCell(names.hh, new Parameter(init([gates, hiddenSize]), names.hh));
        if (this.hasBias) {
          this.insertParamToCell(names.bih, new Parameter(init([gates]), names.bih));
          this.insertParamToCell(names.bhh, new Parameter(init([gates]), names.bhh));
        }
        this.#names.push(names);
      }
    }
  }

  /** Runs the layers: `[output, hN]`, or `[output, [hN, cN]]` for LSTM. */
  protected run(x: unknown, hx: unknown, seqLength: unknown): [Tensor, RNNState] {
    const cls = this.constructor.name;
    const input = checkFloatTensor(x, 'x', cls);
    if (input.rank !== 3 || input.shape[2] !== this.inputSize) {
      const layout = this.batchFirst ? 'batch, seq' : 'seq, batch';
      throw new RangeError(`For '${cls}', the 'x' must have shape [${layout}, ${this.inputSize}], but got [${input.shape.join(', ')}].`);
    }
    const [steps, batch] = (this.batchFirst ? [input.shape[1], input.shape[0]] : [input.shape[0], input.shape[1]]) as [number, number];
    const directions = this.bidirectional ? 2 : 1;
    const stateShape = [this.numLayers * directions, batch, this.hiddenSize];
    const state = this.checkState(hx, stateShape, input.dtype, cls);
    const seqLen = seqLength === undefined || seqLength === null ? null : this.checkSeqLength(seqLength, batch, cls);
    return tidy(() => {
      const lengths = seqLen && ops.cast(seqLen, 'int32');
      const [h0, c0] = state ?? [zeros(stateShape, input.dtype), this.mode === 'LSTM' ? zeros(stateShape, input.dtype) : null];
      const valid = lengths ? ops.expandDims(ops.less(ops.reshape(arange(0, steps, 1, 'int32'), [steps, 1]), lengths), 2) : null;
      const masks = valid ? ops.split(valid, 1, 0).map((m) => ops.squeeze(m, 0)) : null;
      const reverse = this.bidirectional ? reverser(steps, batch, lengths) : (v: Tensor) => v;
      let layerInput = this.batchFirst ? ops.transpose(input, [1, 0, 2]) : input;
      const hN: Tensor[] = [];
      const cN: Tensor[] = [];
      for (let layer = 0; layer < this.numLayers; layer++) {
        const outs: Tensor[] = [];
        for (let direction = 0; direction < directions; direction++) {
          const k = layer * directions + direction;
          const at = (s: Tensor) => ops.squeeze(ops.slice(s, [k, 0, 0], [1, batch, this.hiddenSize]), 0);
          const init: RNNState = c0 ? [at(h0), at(c0)] : at(h0);
          const seq = direction === 1 ? reverse(layerInput) : layerInput;
          const [out, last] = this.direction(seq, init, this.#names[k] as LayerNames, masks);
          outs.push(direction === 1 ? reverse(out) : out);
          hN.push(Array.isArray(last) ? last[0] : (last as Tensor));
          if (Array.isArray(last)) cN.push(last[1]);
        }
        layerInput = outs.length === 1 ? (outs[0] as Tensor) : ops.concat(outs, 2);
        if (this.training && this.dropout > 0 && layer < this.numLayers - 1) layerInput = ops.dropout(layerInput, this.dropout);
      }
      const output = this.batchFirst ? ops.transpose(layerInput, [1, 0, 2]) : layerInput;
      return [output, this.mode === 'LSTM' ? [ops.stack(hN, 0), ops.stack(cN, 0)] : ops.stack(hN, 0)];
    });
  }

  /** One direction of one layer over `seq` `[T, B, F]`: the outputs `[T, B, H]` and the last state. */
  private direction(seq: Tensor, init: RNNState, names: LayerNames, masks: Tensor[] | null): [Tensor, RNNState] {
    const get = (name: string) => {
      const p = (this as unknown as Record<string, Parameter | null | undefined>)[name];
      return p ? (p.dtype === seq.dtype ? p : ops.cast(p, seq.dtype)) : null;
    };
    const [wIh, wHh, bIh, bHh] = [get(names.ih) as Tensor, get(names.hh) as Tensor, get(names.bih), get(names.bhh)];
    const gi = ops.split(project(seq, wIh, bIh), 1, 0);
    let state = init;
    const outputs: Tensor[] = [];
    gi.forEach((g, t) => {
      const next = cellStep(this.mode, ops.squeeze(g, 0), state, wHh, bHh);
      const h = Array.isArray(next) ? next[0] : (next as Tensor);
      const mask = masks?.[t];
      if (!mask) {
        state = next;
        outputs.push(h);
        return;
      }
      // Past a sequence's length the state stays and the output is zero (MindSpore's variable_recurrent).
      state = Array.isArray(next)
        ? [
            ops.where(mask, next[0], (state as readonly [Tensor, Tensor])[0]),
            ops.where(mask, next[1], (state as readonly [Tensor, Tensor])[1]),
          ]
        : ops.where(mask, next as Tensor, state as Tensor);
      outputs.push(ops.where(mask, h, 0));
    });
    return [ops.stack(outputs, 0), state];
  }

  private checkState(hx: unknown, shape: number[], dtype: DType, cls: string): [Tensor, Tensor | null] | null {
    if (hx === undefined || hx === null) return null;
    const what = '[numLayers * numDirections, batch, hiddenSize]';
    const [h, c] = this.mode === 'LSTM' ? checkStatePair(hx, 'hx', cls) : [checkFloatTensor(hx, 'hx', cls), null];
    for (const [t, arg] of [
      [h, c ? 'hx[0]' : 'hx'],
      [c, 'hx[1]'],
    ] as const) {
      if (!t) continue;
      checkShape(t, shape, arg, cls, what);
      if (t.dtype !== dtype) throw new TypeError(`For '${cls}', the '${arg}' must have the dtype of 'x' (${dtype}), but got ${t.dtype}.`);
    }
    return [h, c];
  }

  private checkSeqLength(seqLength: unknown, batch: number, cls: string): Tensor {
    const t = seqLength as Tensor;
    if (typeof t !== 'object' || !('dtype' in (t as object)) || (t.dtype !== 'int32' && t.dtype !== 'int64')) {
      throw new TypeError(`For '${cls}', the 'seqLength' must be a Tensor of int32 or int64, but got ${describe(seqLength)}.`);
    }
    if (t.rank !== 1 || t.shape[0] !== batch) {
      throw new RangeError(
        `For '${cls}' batch size of x and seqLength must be equal, but got ${batch} of x and shape [${t.shape.join(', ')}] of seqLength.`,
      );
    }
    return t;
  }

  override extendRepr(): string {
    return (
      `input_size=${this.inputSize}, hidden_size=${this.hiddenSize}, num_layers=${this.numLayers}, has_bias=${show(this.hasBias)}, ` +
      `batch_first=${show(this.batchFirst)}, dropout=${this.dropout}, bidirectional=${show(this.bidirectional)}`
    );
  }
}

function describe(value: unknown): string {
  const t = value as Tensor;
  return typeof value === 'object' && value !== null && 'dtype' in value ? `a Tensor of ${t.dtype}` : `'${typeName(value)}'`;
}

/**
 * Reverses `[T, B, F]` along time: whole sequences, or with `lengths` `[B]` each batch entry
 * within its first `lengths[b]` steps (MindSpore's `ReverseSequence`); applying it twice is the identity.
 */
function reverser(steps: number, batch: number, lengths: Tensor | null): (x: Tensor) => Tensor {
  const t = ops.reshape(arange(0, steps, 1, 'int32'), [steps, 1]);
  const src = lengths ? ops.where(ops.less(t, lengths), ops.sub(ops.sub(lengths, 1), t), t) : ops.sub(steps - 1, t);
  const flat = ops.reshape(ops.add(ops.mul(src, batch), arange(0, batch, 1, 'int32')), [steps * batch]);
  return (x) => {
    const f = x.shape[2] as number;
    return ops.reshape(ops.gather(ops.reshape(x, [steps * batch, f]), flat, 0), [steps, batch, f]);
  };
}
