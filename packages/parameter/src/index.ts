export {
  PARAMETER_NAME_DEFAULT,
  PARAMETER_NAME_MAX_LEN,
  Parameter,
  type ParameterInput,
  type ParameterOptions,
  type SetDataOptions,
} from './parameter.js';
export { ParameterTuple } from './parameterTuple.js';
