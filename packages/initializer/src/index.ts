/**
 * `@mindts/initializer`: `initializer(init, shape, dtype)` and MindSpore's initializers (Normal,
 * HeUniform, XavierUniform, Orthogonal, …), lazy and seeded; `registerInitializer` for plugins.
 * @module @mindts/initializer
 */
export { Initializer, type InitializerOptions, type RandomKey } from './base.js';
export { Constant, One, Zero } from './constant.js';
export { Dirac, type DiracOptions } from './dirac.js';
export { calculateCorrectFan, calculateFanInAndFanOut, calculateGain, type FanMode, type Nonlinearity } from './fan.js';
export { type HeOptions, HeNormal, HeUniform } from './he.js';
export { Identity } from './identity.js';
export { type InitLike, initializer } from './initializer.js';
export { Normal, type NormalOptions } from './normal.js';
export { Orthogonal, type OrthogonalOptions } from './orthogonal.js';
export { type InitializerFactory, listInitializers, registerInitializer } from './registry.js';
export { Sparse, type SparseOptions } from './sparse.js';
export { TruncatedNormal, type TruncatedNormalOptions } from './truncatedNormal.js';
export { Uniform, type UniformOptions } from './uniform.js';
export { VarianceScaling, type VarianceScalingDistribution, type VarianceScalingOptions } from './varianceScaling.js';
export { XavierNormal, type XavierOptions, XavierUniform } from './xavier.js';
