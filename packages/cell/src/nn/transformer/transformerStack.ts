/**
 * What `TransformerEncoder` and `TransformerDecoder` share: checking their arguments and making
 * `numLayers` independent copies of the template layer, plus the optional final `norm`.
 */
import { checkOptions, type OptionKeys } from '@mindts/tensor';
import type { Cell } from '../../cell.js';
import { isCell, typeName } from '../../cellState.js';
import { CellList } from '../cellList.js';
import { checkPositiveInt } from '../checks.js';
import type { TransformerStackOptions } from './transformerEncoder.js';
import { copyParameters } from './transformerLayerOptions.js';

const STACK_KEYS: OptionKeys<TransformerStackOptions> = { norm: true };

/** A Transformer layer class: `new Layer(dModel, nhead, config)`. */
type LayerClass<L extends Cell, C> = new (dModel: number, nhead: number, config: C) => L & { dModel: number; nhead: number; config: C };

/**
 * The layers and norm of a stack named `cls`: `numLayers` copies of `layer` (fresh Parameters with
 * its current values) in a CellList, and the `norm` option.
 * @example
 * const { layers, norm } = transformerStack(layer, 2, { norm }, 'TransformerEncoder', 'encoderLayer', TransformerEncoderLayer);
 */
export function transformerStack<L extends Cell, C>(
  layer: L,
  numLayers: number,
  options: TransformerStackOptions | undefined,
  cls: string,
  argName: string,
  Layer: LayerClass<L, C>,
): { numLayers: number; layers: CellList; norm: Cell | null } {
  const { norm = null } = checkOptions<TransformerStackOptions>(options, cls, STACK_KEYS);
  if (!(layer instanceof Layer)) {
    throw new TypeError(`For '${cls}', the '${argName}' must be a ${Layer.name}, but got ${typeName(layer)}.`);
  }
  const n = checkPositiveInt(numLayers, 'numLayers', cls);
  if (norm !== null && !isCell(norm)) throw new TypeError(`For '${cls}', the 'norm' must be a Cell or null, but got ${typeName(norm)}.`);
  const template = layer as L & { dModel: number; nhead: number; config: C };
  const copies = Array.from({ length: n }, () => copyParameters(template, new Layer(template.dModel, template.nhead, template.config)));
  return { numLayers: n, layers: new CellList(copies), norm };
}
