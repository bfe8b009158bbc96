/**
 * `@mindts/parameter`: `Parameter` (a Tensor whose value is updated in training) and
 * `ParameterTuple`, with MindSpore's names, `setData` rules and errors.
 * @module @mindts/parameter
 */
export {
  PARAMETER_NAME_DEFAULT,
  PARAMETER_NAME_MAX_LEN,
  Parameter,
  type ParameterInput,
  type ParameterOptions,
  type SetDataOptions,
} from './parameter.js';
export { ParameterTuple } from './parameterTuple.js';
