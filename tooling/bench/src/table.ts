/**
 * The printed table: one row per workload, each library's figure, the speed-up and the goal.
 */
import type { Suite, Workload } from './workloads.js';

/**
 * One measured row.
 * @example
 * const row: Row = { workload: CPU_WORKLOADS[0], mindts: 3.2, tfjs: 0.8, speedup: 4 };
 */
export interface Row {
  readonly workload: Workload;
  /** GFLOP/s for matmul rows, milliseconds otherwise. */
  readonly mindts: number;
  readonly tfjs: number;
  /** tfjs time / mindts time: above 1, mindts is faster. */
  readonly speedup: number;
}

/**
 * Whether a row meets the goal: `undefined` where the goal does not apply.
 * @example
 * goalMet(row, 3); // true, false or undefined
 */
export function goalMet(row: Row, goal: number): boolean | undefined {
  return row.workload.goal ? row.speedup >= goal : undefined;
}

const fmt = (x: number, unit: string) => `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} ${unit}`;

/**
 * The table as text, columns aligned.
 * @example
 * console.log(formatTable(rows, SUITES[0]));
 */
export function formatTable(rows: readonly Row[], suite: Suite): string {
  const header = ['benchmark', `mindts ${suite.mindts}`, `tfjs-${suite.tfjs}`, 'mindts/tfjs', `goal ≥ ${suite.goal}×`, 'runs'];
  const body = rows.map((r) => {
    const unit = r.workload.kind === 'matmul' ? 'GFLOP/s' : 'ms';
    const met = goalMet(r, suite.goal);
    return [
      r.workload.label,
      fmt(r.mindts, unit),
      fmt(r.tfjs, unit),
      `${r.speedup.toFixed(2)}×`,
      met === undefined ? '—' : met ? 'pass' : 'FAIL',
      `${r.workload.warmup}+${r.workload.runs}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
