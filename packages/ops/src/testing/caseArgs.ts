/**
 * The argument checks of the conformance helpers (`checkCase`, `compareResults`, …): a clear
 * error naming the helper and the argument, before anything runs.
 */
import { Tensor } from '@mindts/tensor';
import { describe } from '../operand.js';
import type { ConformanceCase } from './types.js';

/** A TypeError `where: arg must be expected, but got <value>.` */
export function caseArgError(where: string, arg: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${where}: ${arg} must be ${expected}, but got ${describe(value)}.`);
}

/** Throws unless `c` is a ConformanceCase (an object whose `run` is a function). */
export function checkCaseArg(c: ConformanceCase, where: string): void {
  if (c === null || typeof c !== 'object' || typeof c.run !== 'function') {
    throw caseArgError(where, 'c', 'a ConformanceCase { name, ops, run, … }', c);
  }
  if (c.tolerance !== undefined && (c.tolerance === null || typeof c.tolerance !== 'object')) {
    throw caseArgError(where, 'c.tolerance', 'an object { atol?, rtol? } or undefined', c.tolerance);
  }
  if (c.expected !== undefined && (c.expected === null || typeof c.expected !== 'object')) {
    throw caseArgError(where, 'c.expected', 'an expected tensor, an array of them, or undefined', c.expected);
  }
}

/** Throws unless `results` is an array of `{ shape, dtype, values }`. */
export function checkResultsArg(results: unknown, where: string, arg: string): void {
  if (!Array.isArray(results)) throw caseArgError(where, arg, 'an array of results { shape, dtype, values }', results);
  results.forEach((r: unknown, i) => {
    const v = r as { shape?: unknown; values?: unknown } | null;
    const ok =
      v !== null &&
      typeof v === 'object' &&
      !(v instanceof Tensor) &&
      Array.isArray(v.shape) &&
      (Array.isArray(v.values) || ArrayBuffer.isView(v.values));
    if (!ok) throw caseArgError(where, `${arg}[${i}]`, 'a result { shape, dtype, values }', r);
  });
}

/** Throws unless `value` is undefined or a finite number >= 0 (a tolerance or its scale). */
export function checkNonNegative(value: unknown, where: string, arg: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${arg} must be a finite number >= 0, but got ${describe(value)}.`);
  }
}
