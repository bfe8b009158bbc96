/**
 * The counts behind `Precision`, `Recall` and `Fbeta`, as MindSpore computes them: for
 * 'classification', per class over the batch (labels and argmax predictions as one-hot rows);
 * for 'multilabel', per sample (MindSpore's `swapaxes(1, 0).reshape(class_num, -1).sum(axis=0)`).
 */
import { argmaxRows, type EvalType, evaluationInputs } from './metric.js';

/** Python's `sys.float_info.min`, MindSpore's `eps` against a division by zero. */
export const EPS = 2.2250738585072014e-308;

/** One batch's counts: true positives, predicted positives and actual positives. */
export interface PositiveCounts {
  readonly classNum: number;
  readonly truePositives: number[];
  readonly positives: number[];
  readonly actualPositives: number[];
}

/** Reads `(yPred, y)` and counts positives for `where` (`'Precision.update'`, …). */
export function countPositives(yPredIn: unknown, yIn: unknown, type: EvalType, where: string, classNum: number): PositiveCounts {
  const { yPred, y } = evaluationInputs(yPredIn, yIn, type, where);
  const [n, c] = yPred.shape as [number, number];
  if (classNum !== 0 && c !== classNum) {
    throw new RangeError(
      `For '${where}', class number not match, last input predicted data contain ${classNum} classes, but current predicted data contain ${c} classes, please check your predicted value(inputs[0]).`,
    );
  }
  if (type === 'classification') {
    let max = -1;
    for (const v of y.values) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`For '${where}', the labels (input[1]) must be class indices, but got ${v}.`);
      max = Math.max(max, v);
    }
    if (max + 1 > c) {
      throw new RangeError(
        `For '${where}', predicted value (input[0]) should have the same classes number as true value (input[1]), but got predicted value classes ${c}, true value classes ${max + 1}.`,
      );
    }
    const pred = argmaxRows(yPred);
    const tp = new Array<number>(c).fill(0);
    const pos = new Array<number>(c).fill(0);
    const act = new Array<number>(c).fill(0);
    for (let i = 0; i < n; i++) {
      const p = pred[i] as number;
      const t = y.values[i] as number;
      pos[p] = (pos[p] as number) + 1;
      act[t] = (act[t] as number) + 1;
      if (p === t) tp[p] = (tp[p] as number) + 1;
    }
    return { classNum: c, truePositives: tp, positives: pos, actualPositives: act };
  }
  const tp: number[] = [];
  const pos: number[] = [];
  const act: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    let p = 0;
    let a = 0;
    for (let j = 0; j < c; j++) {
      const vp = yPred.values[i * c + j] as number;
      const vy = y.values[i * c + j] as number;
      p += vp;
      a += vy;
      t += vp * vy;
    }
    tp.push(t);
    pos.push(p);
    act.push(a);
  }
  return { classNum: c, truePositives: tp, positives: pos, actualPositives: act };
}

/** `a[i] + b[i]`, where `a` may be empty (the first batch). */
export function addCounts(a: readonly number[], b: readonly number[]): number[] {
  return a.length === 0 ? [...b] : a.map((v, i) => v + (b[i] as number));
}

/** The mean of `values`. */
export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
