/**
 * Every conformance case, by family.
 */
import type { ConformanceCase } from '../types.js';
import { assignCases } from './assign.js';
import { binaryCases } from './binary.js';
import { castCases } from './cast.js';
import { compareCases } from './compare.js';
import { convCases } from './conv.js';
import { convTransposeCases } from './convTranspose.js';
import { creationCases } from './creation.js';
import { extraCases } from './extras.js';
import { float16Cases } from './float16.js';
import { joinCases } from './joins.js';
import { lossCases } from './losses.js';
import { matmulCases } from './matmul.js';
import { nnCases } from './nn.js';
import { reduceCases } from './reduce.js';
import { sequenceCases } from './sequence.js';
import { sequenceModelCases } from './sequenceModel.js';
import { shapeCases } from './shape.js';
import { statisticsCases } from './statistics.js';
import { unaryCases } from './unary.js';

export {
  assignCases,
  binaryCases,
  castCases,
  compareCases,
  convCases,
  convTransposeCases,
  creationCases,
  extraCases,
  float16Cases,
  joinCases,
  lossCases,
  matmulCases,
  nnCases,
  reduceCases,
  sequenceCases,
  sequenceModelCases,
  shapeCases,
  statisticsCases,
  unaryCases,
};

/**
 * The cases grouped by family name (`unary`, `binary`, `compare`, `reduce`, `matmul`, `nn`,
 * `cast`, `shape`, `joins`, `conv`, `convTranspose`, `assign`, `extras`, `sequence`, `sequenceModel`,
 * `creation`, `statistics`, `losses`, `float16`).
 * @example
 * import { caseFamilies } from '@mindts/ops/testing';
 * Object.entries(caseFamilies).map(([family, cases]) => `${family}: ${cases.length}`);
 */
export const caseFamilies: Readonly<Record<string, readonly ConformanceCase[]>> = {
  unary: unaryCases,
  binary: binaryCases,
  compare: compareCases,
  reduce: reduceCases,
  matmul: matmulCases,
  nn: nnCases,
  cast: castCases,
  shape: shapeCases,
  joins: joinCases,
  conv: convCases,
  convTranspose: convTransposeCases,
  assign: assignCases,
  extras: extraCases,
  sequence: sequenceCases,
  sequenceModel: sequenceModelCases,
  creation: creationCases,
  statistics: statisticsCases,
  losses: lossCases,
  float16: float16Cases,
};

/**
 * Every conformance case, in family order.
 * @example
 * import { conformanceCases } from '@mindts/ops/testing';
 * conformanceCases.filter((c) => c.ops.includes('matmul')).length;
 */
export const conformanceCases: readonly ConformanceCase[] = Object.values(caseFamilies).flat();
