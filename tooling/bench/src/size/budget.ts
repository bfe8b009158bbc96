/**
 * Size budgets: the gzip bytes each published package may cost a browser app that imports all of
 * its entry, kept in `tooling/bench/size-budget.json` and checked by `pnpm size`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './workspace.js';

/**
 * Where the budgets live.
 * @example
 * readBudgets(BUDGET_FILE);
 */
export const BUDGET_FILE = join(REPO_ROOT, 'tooling/bench/size-budget.json');

/**
 * Headroom over a measured size when budgets are (re)written: 20 %.
 * @example
 * proposedBudget(8236, HEADROOM); // 9900
 */
export const HEADROOM = 0.2;

/**
 * The budget file: gzip bytes per package name.
 * @example
 * const budgets: SizeBudgets = { gzip: { '@mindts/tensor': 9900 } };
 */
export interface SizeBudgets {
  $comment?: string;
  gzip: Record<string, number>;
}

/**
 * One measured package.
 * @example
 * const size: PackageSize = { name: '@mindts/tensor', bytes: 22357, gzip: 8236 };
 */
export interface PackageSize {
  name: string;
  /** Minified bytes. */
  bytes: number;
  gzip: number;
}

/**
 * One row of the report.
 * @example
 * const row: SizeRow = { name: '@mindts/tensor', bytes: 22357, gzip: 8236, budget: 9900, status: 'ok' };
 */
export interface SizeRow extends PackageSize {
  budget: number | undefined;
  status: 'ok' | 'over' | 'no budget';
}

/**
 * Parses and validates a budget file's text.
 * @example
 * parseBudgets('{ "gzip": { "mindts": 300000 } }').gzip.mindts; // 300000
 */
export function parseBudgets(text: string, source = 'size-budget.json'): SizeBudgets {
  const data: unknown = JSON.parse(text);
  const gzip = (data as { gzip?: unknown } | null)?.gzip;
  if (typeof gzip !== 'object' || gzip === null || Array.isArray(gzip)) {
    throw new TypeError(`${source}: expected an object { "gzip": { "<package>": <bytes> } }, but "gzip" is ${JSON.stringify(gzip)}.`);
  }
  for (const [name, bytes] of Object.entries(gzip)) {
    if (!Number.isInteger(bytes) || (bytes as number) <= 0) {
      throw new TypeError(`${source}: gzip["${name}"] must be a positive integer (bytes), but got ${JSON.stringify(bytes)}.`);
    }
  }
  return data as SizeBudgets;
}

/**
 * Reads the checked-in budgets.
 * @example
 * readBudgets().gzip['@mindts/tensor']; // 9900
 */
export function readBudgets(file: string = BUDGET_FILE): SizeBudgets {
  return parseBudgets(readFileSync(file, 'utf8'), file);
}

/**
 * Compares measured sizes with the budgets. A package over its budget, a measured package
 * without one, and a budget naming none of the `published` packages (stale) are failures.
 * @example
 * checkBudgets([{ name: 'a', bytes: 300, gzip: 120 }], { gzip: { a: 100 } }).failures;
 * // ['a: 120 B gzip is over its budget of 100 B by 20 B (20.0 %)']
 */
export function checkBudgets(
  sizes: readonly PackageSize[],
  budgets: SizeBudgets,
  published: readonly string[] = sizes.map((s) => s.name),
): { rows: SizeRow[]; failures: string[] } {
  const failures: string[] = [];
  const rows = sizes.map((size): SizeRow => {
    const budget = budgets.gzip[size.name];
    if (budget === undefined) {
      failures.push(
        `${size.name}: no budget; add "${size.name}" to size-budget.json (pnpm size -- --write proposes ${proposedBudget(size.gzip)}).`,
      );
      return { ...size, budget, status: 'no budget' };
    }
    if (size.gzip > budget) {
      const over = size.gzip - budget;
      failures.push(
        `${size.name}: ${size.gzip} B gzip is over its budget of ${budget} B by ${over} B (${((100 * over) / budget).toFixed(1)} %)`,
      );
      return { ...size, budget, status: 'over' };
    }
    return { ...size, budget, status: 'ok' };
  });
  const known = new Set(published);
  for (const name of Object.keys(budgets.gzip)) {
    if (!known.has(name)) failures.push(`${name}: has a budget but is not a published workspace package; remove it from size-budget.json.`);
  }
  return { rows, failures };
}

/**
 * A budget with {@link HEADROOM} over `gzip`, rounded up to 100 bytes.
 * @example
 * proposedBudget(8236); // 9900
 */
export function proposedBudget(gzip: number, headroom = HEADROOM): number {
  return Math.ceil((gzip * (1 + headroom)) / 100) * 100;
}

const num = (bytes: number) => bytes.toLocaleString('en-US');

/**
 * The report as an aligned text table.
 * @example
 * console.log(formatSizeTable(checkBudgets(sizes, readBudgets()).rows));
 */
export function formatSizeTable(rows: readonly SizeRow[]): string {
  const header = ['package', 'minified B', 'gzip B', 'budget B', 'used', 'status'];
  const body = rows.map((r) => [
    r.name,
    num(r.bytes),
    num(r.gzip),
    r.budget === undefined ? '-' : num(r.budget),
    r.budget === undefined ? '-' : `${((100 * r.gzip) / r.budget).toFixed(0)} %`,
    r.status === 'ok' ? 'ok' : r.status.toUpperCase(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
