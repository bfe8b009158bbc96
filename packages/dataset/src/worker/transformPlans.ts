/**
 * The built-in transforms as plans (class name and constructor arguments) and back, so a `map`
 * of them can run in a worker. Only instances of the classes themselves qualify: a subclass may
 * override `call` with code a worker cannot receive.
 */
import type { DType } from '@mindts/tensor';
import type { Operation } from '../ops/mapPipeline.js';
import { HWC2CHW } from '../transforms/hwc2chw.js';
import { Normalize } from '../transforms/normalize.js';
import { OneHot } from '../transforms/oneHot.js';
import { Rescale } from '../transforms/rescale.js';
import { TypeCast } from '../transforms/typeCast.js';
import type { TransformPlan } from './plan.js';

interface Entry<T> {
  readonly ctor: abstract new (...args: never[]) => T;
  readonly args: (t: T) => unknown[];
  readonly make: (args: readonly unknown[]) => Operation;
}

const entry = <T>(e: Entry<T>): Entry<unknown> => e as Entry<unknown>;

const TABLE: Record<TransformPlan['name'], Entry<unknown>> = {
  TypeCast: entry<TypeCast>({ ctor: TypeCast, args: (t) => [t.dataType], make: (a) => new TypeCast(a[0] as DType) }),
  Rescale: entry<Rescale>({ ctor: Rescale, args: (t) => [t.rescale, t.shift], make: (a) => new Rescale(a[0] as number, a[1] as number) }),
  Normalize: entry<Normalize>({
    ctor: Normalize,
    args: (t) => [[...t.mean], [...t.std], t.isHwc],
    make: (a) => new Normalize(a[0] as number[], a[1] as number[], a[2] as boolean),
  }),
  HWC2CHW: entry<HWC2CHW>({ ctor: HWC2CHW, args: () => [], make: () => new HWC2CHW() }),
  OneHot: entry<OneHot>({
    ctor: OneHot,
    args: (t) => [t.numClasses, t.smoothingRate],
    make: (a) => new OneHot(a[0] as number, a[1] as number),
  }),
};

/** Whether `op` is an instance of one of the built-in transform classes themselves (not a subclass). */
export function isBuiltInTransform(op: Operation): boolean {
  return typeof op === 'object' && Object.values(TABLE).some((e) => e.ctor === op.constructor);
}

/** The plan of map operation `index`, or why it has none. */
export function transformPlan(op: Operation, index: number): TransformPlan | { reason: string } {
  if (typeof op === 'function') {
    return { reason: `map operation ${index} is a JavaScript function, which a worker cannot receive (the built-in transforms can)` };
  }
  const ctor = (op as object).constructor;
  for (const [name, e] of Object.entries(TABLE)) {
    if (ctor === e.ctor) return { name: name as TransformPlan['name'], args: e.args(op) };
  }
  return { reason: `map operation ${index} (${ctor?.name || 'an object'}) is not a built-in transform, so a worker cannot rebuild it` };
}

/** The transform a plan describes. */
export function makeTransform(plan: TransformPlan): Operation {
  const e = TABLE[plan.name];
  if (!e) throw new TypeError(`dataset worker: unknown transform '${String(plan.name)}'.`);
  return e.make(plan.args);
}
