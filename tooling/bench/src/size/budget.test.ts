import { describe, expect, it } from 'vitest';
import { checkBudgets, formatSizeTable, parseBudgets, proposedBudget, readBudgets } from './budget.js';
import { publishedPackages, workspacePackages } from './workspace.js';

describe('size budgets', () => {
  const budgets = { gzip: { a: 1000, b: 500 } };

  it('passes packages at or under their budget and fails one over it, saying by how much', () => {
    const { rows, failures } = checkBudgets(
      [
        { name: 'a', bytes: 3000, gzip: 1000 },
        { name: 'b', bytes: 2000, gzip: 600 },
      ],
      budgets,
    );
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['a', 'ok'],
      ['b', 'over'],
    ]);
    expect(failures).toEqual(['b: 600 B gzip is over its budget of 500 B by 100 B (20.0 %)']);
  });

  it('fails a measured package without a budget and a budget for a package that is not published', () => {
    const { rows, failures } = checkBudgets([{ name: 'c', bytes: 10, gzip: 5 }], budgets, ['a', 'c']);
    expect(rows[0]?.status).toBe('no budget');
    expect(failures).toEqual([
      'c: no budget; add "c" to size-budget.json (pnpm size -- --write proposes 100).',
      'b: has a budget but is not a published workspace package; remove it from size-budget.json.',
    ]);
  });

  it('proposes budgets 20 % over a size, rounded up to 100 bytes', () => {
    expect(proposedBudget(8236)).toBe(9900);
    expect(proposedBudget(1000)).toBe(1200);
    expect(proposedBudget(1000, 0)).toBe(1000);
  });

  it('rejects a malformed budget file naming the field, what it expects and what it got', () => {
    expect(() => parseBudgets('{ "sizes": {} }', 'f.json')).toThrow(
      'f.json: expected an object { "gzip": { "<package>": <bytes> } }, but "gzip" is undefined.',
    );
    expect(() => parseBudgets('{ "gzip": { "a": "12kB" } }', 'f.json')).toThrow(
      'f.json: gzip["a"] must be a positive integer (bytes), but got "12kB".',
    );
  });

  it('prints an aligned table with bytes, budget and use', () => {
    const table = formatSizeTable(checkBudgets([{ name: 'a', bytes: 30000, gzip: 1100 }], budgets).rows);
    expect(table.split('\n')).toEqual([
      'package  minified B  gzip B  budget B   used  status',
      '-------  ----------  ------  --------  -----  ------',
      'a            30,000   1,100     1,000  110 %    OVER',
    ]);
  });

  it('the checked-in budget file has a budget for exactly the published workspace packages', () => {
    const published = publishedPackages().map((p) => p.name);
    expect(published).toContain('mindts');
    expect(published).toContain('@mindts/tensor');
    expect(published).not.toContain('@mindts/bench'); // private
    expect(Object.keys(readBudgets().gzip).sort()).toEqual([...published].sort());
  });

  it('reads every workspace package, private ones marked', () => {
    const all = workspacePackages();
    expect(all.find((p) => p.name === '@mindts/example')?.private).toBe(true);
    expect(all.find((p) => p.name === '@mindts/ops')?.private).toBe(false);
    expect(all.length).toBeGreaterThan(publishedPackages().length);
  });
});
