/**
 * MindSpore's dtype names (`ms.float32`, `ms.int32`, …) for code ported from MindSpore. In mindts a
 * dtype is its name, so each constant is that string and `ms.float32 === 'float32'`.
 */
import type { DType } from '@mindts/tensor';

/**
 * 32-bit float, the default floating dtype (MindSpore `ms.float32`).
 * @example
 * ms.tensor([1, 2], ms.float32);
 */
export const float32 = 'float32' satisfies DType;
/**
 * 16-bit float (MindSpore `ms.float16`).
 * @example
 * ms.tensor([1, 2], ms.float16);
 */
export const float16 = 'float16' satisfies DType;
/**
 * 64-bit float, CPU backend only (MindSpore `ms.float64`).
 * @example
 * ms.tensor([1, 2], ms.float64);
 */
export const float64 = 'float64' satisfies DType;
/**
 * 8-bit signed integer (MindSpore `ms.int8`).
 * @example
 * ms.tensor([1, 2], ms.int8);
 */
export const int8 = 'int8' satisfies DType;
/**
 * 16-bit signed integer (MindSpore `ms.int16`).
 * @example
 * ms.tensor([1, 2], ms.int16);
 */
export const int16 = 'int16' satisfies DType;
/**
 * 32-bit signed integer, the default integer dtype (MindSpore `ms.int32`).
 * @example
 * ms.tensor([1, 2], ms.int32);
 */
export const int32 = 'int32' satisfies DType;
/**
 * 64-bit signed integer, CPU backend only (MindSpore `ms.int64`).
 * @example
 * ms.tensor([1, 2], ms.int64);
 */
export const int64 = 'int64' satisfies DType;
/**
 * 8-bit unsigned integer (MindSpore `ms.uint8`).
 * @example
 * ms.tensor([1, 2], ms.uint8);
 */
export const uint8 = 'uint8' satisfies DType;
/**
 * Boolean (MindSpore `ms.bool_`).
 * @example
 * ms.tensor([true, false], ms.bool);
 */
export const bool = 'bool' satisfies DType;
