/**
 * The two character-level language models of `train --model gpt|lstm`: a small decoder-only
 * Transformer (GPT) and a 2-layer LSTM. Both map token ids `[batch, seq]` to next-token logits
 * `[batch, seq, vocab]`, where position `t` sees only tokens `0..t`.
 */
import { Cell, nn } from '@mindts/cell';
import { WORD_VOCABULARY } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { arange, fill, type Tensor, tidy } from '@mindts/tensor';

/** The language models `train --model` accepts. */
export type LanguageModelName = 'gpt' | 'lstm';

/** The language model names, for argument checks and help. */
export const LANGUAGE_MODEL_NAMES: readonly LanguageModelName[] = ['gpt', 'lstm'];

/**
 * The size of a {@link CharGPT}.
 * @example
 * const config: GPTConfig = { vocabSize: 28, contextLength: 16, dModel: 64, nhead: 4, numLayers: 2, dropout: 0 };
 */
export interface GPTConfig {
  readonly vocabSize: number;
  readonly contextLength: number;
  readonly dModel: number;
  readonly nhead: number;
  readonly numLayers: number;
  readonly dropout: number;
}

/**
 * The GPT of the app: 2 layers, dModel 64, 4 heads, context 16, over {@link WORD_VOCABULARY}.
 * @example
 * new CharGPT(GPT_CONFIG);
 */
export const GPT_CONFIG: GPTConfig = {
  vocabSize: WORD_VOCABULARY.size,
  contextLength: 16,
  dModel: 64,
  nhead: 4,
  numLayers: 2,
  dropout: 0,
};

/**
 * `[seq, seq]` float mask for causal self-attention: 0 where a position may attend (itself and
 * earlier ones), −∞ above the diagonal (PyTorch's `generate_square_subsequent_mask`).
 * @example
 * causalMask(3); // [[0, -inf, -inf], [0, 0, -inf], [0, 0, 0]]
 */
export function causalMask(seq: number): Tensor {
  return tidy(() => ops.triu(fill([seq, seq], Number.NEGATIVE_INFINITY, 'float32'), 1));
}

/**
 * A decoder-only Transformer on characters: token embedding plus a learned position embedding,
 * `numLayers` pre-norm `nn.TransformerEncoderLayer`s with a causal mask (GELU feed-forward of
 * `4·dModel`), a final LayerNorm and a Dense head to the vocabulary.
 * @example
 * new CharGPT(GPT_CONFIG).call(ids).shape; // [batch, seq, 28] for ids [batch, seq ≤ 16]
 */
export class CharGPT extends Cell {
  readonly config: GPTConfig;
  token_embedding: nn.Embedding;
  position_embedding: nn.Embedding;
  layers: nn.CellList;
  norm: nn.LayerNorm;
  head: nn.Dense;

  constructor(config: GPTConfig = GPT_CONFIG) {
    super();
    this.config = config;
    const { vocabSize, contextLength, dModel, nhead, numLayers, dropout } = config;
    this.token_embedding = new nn.Embedding(vocabSize, dModel);
    this.position_embedding = new nn.Embedding(contextLength, dModel);
    this.layers = new nn.CellList(
      Array.from(
        { length: numLayers },
        () =>
          new nn.TransformerEncoderLayer(dModel, nhead, {
            dimFeedforward: 4 * dModel,
            dropout,
            activation: 'gelu',
            batchFirst: true,
            normFirst: true,
          }),
      ),
    );
    this.norm = new nn.LayerNorm([dModel]);
    this.head = new nn.Dense(dModel, vocabSize);
  }

  override construct(ids: Tensor): Tensor {
    const seq = ids.shape[1] as number;
    if (ids.rank !== 2 || seq > this.config.contextLength) {
      throw new RangeError(`CharGPT: ids must be [batch, seq] with seq ≤ ${this.config.contextLength}, but got [${ids.shape.join(', ')}].`);
    }
    return tidy(() => {
      const positions = this.position_embedding.call(arange(0, seq, 1, 'int32')) as Tensor;
      let x = ops.add(this.token_embedding.call(ids) as Tensor, positions);
      const mask = causalMask(seq);
      for (const layer of this.layers) x = layer.call(x, mask) as Tensor;
      return this.head.call(this.norm.call(x) as Tensor) as Tensor;
    });
  }
}

/**
 * A 2-layer LSTM language model: embedding (32), `nn.LSTM` (hidden 128, 2 layers, batch first),
 * and a Dense head to the vocabulary.
 * @example
 * new CharLSTM().call(ids).shape; // [batch, seq, 28]
 */
export class CharLSTM extends Cell {
  embedding: nn.Embedding;
  lstm: nn.LSTM;
  head: nn.Dense;

  constructor(vocabSize = WORD_VOCABULARY.size, embeddingSize = 32, hiddenSize = 128) {
    super();
    this.embedding = new nn.Embedding(vocabSize, embeddingSize);
    this.lstm = new nn.LSTM(embeddingSize, hiddenSize, { numLayers: 2, batchFirst: true });
    this.head = new nn.Dense(hiddenSize, vocabSize);
  }

  override construct(ids: Tensor): Tensor {
    return tidy(() => {
      const [output] = this.lstm.call(this.embedding.call(ids) as Tensor) as [Tensor, unknown];
      return this.head.call(output) as Tensor;
    });
  }
}

/**
 * A new, randomly initialised language model by name.
 * @example
 * const net = createLanguageModel('gpt');
 */
export function createLanguageModel(name: LanguageModelName): Cell {
  return name === 'gpt' ? new CharGPT() : new CharLSTM();
}
