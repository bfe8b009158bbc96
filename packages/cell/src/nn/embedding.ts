/**
 * The embedding lookup table, after `Embedding` in mindspore/python/mindspore/nn/layer/embedding.py
 * (MindSpore master, mindspore-ai/mindspore@06c308204a48609f73666794a6272acaff9a25a7).
 */
import { type InitLike, initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { checkOptions, type DType, isInt, type OptionKeys, Tensor, tensor, tidy } from '@mindts/tensor';
import { Cell } from '../cell.js';
import { checkBool, checkDType, checkPositiveInt } from './checks.js';

/**
 * Options of {@link Embedding}, in MindSpore's order.
 * @example
 * new nn.Embedding(100, 16, { paddingIdx: 0, embeddingTable: 'xavier_uniform' });
 */
export interface EmbeddingOptions {
  /** Look up by a one-hot matrix product instead of a gather (default false); the result is the same. */
  useOneHot?: boolean;
  /** The table's initializer (default 'normal'); a Tensor must be `[vocabSize, embeddingSize]`. */
  embeddingTable?: InitLike;
  /** The dtype of the table (default float32). */
  dtype?: DType;
  /** An index in `[0, vocabSize)` whose row starts at zero and gets no gradient (default null: none). */
  paddingIdx?: number | null;
}

const EMBEDDING_KEYS: OptionKeys<EmbeddingOptions> = { useOneHot: true, embeddingTable: true, dtype: true, paddingIdx: true };

/**
 * A lookup table of `vocabSize` vectors of `embeddingSize` (MindSpore `nn.Embedding`): integer
 * ids of any shape give their rows, shape `[...ids.shape, embeddingSize]`. The table is the
 * Parameter `embedding_table`. With `paddingIdx`, that row starts at zero and, as in PyTorch,
 * its gradient is zero, so training leaves it unchanged.
 * @example
 * const emb = new nn.Embedding(10, 4, { paddingIdx: 0 });
 * emb.call(tensor([[1, 0, 3]], 'int32')).shape; // [1, 3, 4]
 */
export class Embedding extends Cell {
  readonly vocabSize: number;
  readonly embeddingSize: number;
  readonly useOneHot: boolean;
  readonly dtype: DType;
  readonly paddingIdx: number | null;
  embedding_table: Parameter;

  constructor(vocabSize: number, embeddingSize: number, options?: EmbeddingOptions) {
    super();
    const o = checkOptions<EmbeddingOptions>(options, 'Embedding', EMBEDDING_KEYS);
    this.vocabSize = checkPositiveInt(vocabSize, 'vocabSize', 'Embedding');
    this.embeddingSize = checkPositiveInt(embeddingSize, 'embeddingSize', 'Embedding');
    this.useOneHot = checkBool(o.useOneHot ?? false, 'useOneHot', 'Embedding');
    this.dtype = checkDType(o.dtype, 'Embedding');
    const paddingIdx = o.paddingIdx ?? null;
    if (paddingIdx !== null && !(Number.isInteger(paddingIdx) && paddingIdx >= 0 && paddingIdx < vocabSize)) {
      // MindSpore: "For 'Embedding', the 'padding_idx' must be in range [0, {vocab_size}), but got {padding_idx}."
      throw new RangeError(`For 'Embedding', the 'paddingIdx' must be an int in range [0, ${vocabSize}), but got ${String(paddingIdx)}.`);
    }
    this.paddingIdx = paddingIdx;
    const init = o.embeddingTable ?? 'normal';
    const shape = [vocabSize, embeddingSize];
    if (init instanceof Tensor && (init.rank !== 2 || init.shape[0] !== vocabSize || init.shape[1] !== embeddingSize)) {
      throw new RangeError(
        `For 'Embedding', the 'embeddingTable' Tensor must have shape [${shape.join(', ')}], but got [${init.shape.join(', ')}].`,
      );
    }
    const table = init instanceof Tensor ? initializer(init, shape) : initializer(init, shape, this.dtype);
    if (paddingIdx === null) {
      this.embedding_table = new Parameter(table, 'embedding_table');
    } else {
      const zeroed = tidy(() => ops.where(paddingRows(vocabSize, paddingIdx), 0, table));
      table.dispose();
      this.embedding_table = new Parameter(zeroed, 'embedding_table');
      zeroed.dispose();
    }
  }

  /** `embedding_table`, camelCase. */
  get embeddingTable(): Parameter {
    return this.embedding_table;
  }

  override construct(ids: Tensor): Tensor {
    if (!(ids instanceof Tensor) || !isInt(ids.dtype)) {
      throw new TypeError(
        `For 'Embedding', the input 'ids' must be an integer Tensor, but got ${ids instanceof Tensor ? ids.dtype : typeof ids}.`,
      );
    }
    return tidy(() => {
      const flat = ops.reshape(ids, [-1]);
      const table = this.embedding_table;
      let out = this.useOneHot ? ops.matmul(ops.cast(ops.oneHot(flat, this.vocabSize), table.dtype), table) : ops.gather(table, flat, 0);
      if (this.paddingIdx !== null) {
        // The padding row's lookups pass their values but no gradient.
        const isPad = ops.expandDims(ops.equal(flat, this.paddingIdx), 1);
        out = ops.where(isPad, ops.stopGradient(out), out);
      }
      return ops.reshape(out, [...ids.shape, this.embeddingSize]);
    });
  }

  override extendRepr(): string {
    return (
      `vocab_size=${this.vocabSize}, embedding_size=${this.embeddingSize}, use_one_hot=${this.useOneHot ? 'True' : 'False'}, ` +
      `embedding_table=${this.embedding_table}, dtype=${this.dtype}, padding_idx=${this.paddingIdx ?? 'None'}`
    );
  }
}

/** A `[vocabSize, 1]` bool mask, true on the padding row. */
function paddingRows(vocabSize: number, paddingIdx: number): Tensor {
  return tensor(
    Array.from({ length: vocabSize }, (_, i) => [i === paddingIdx]),
    'bool',
  );
}
