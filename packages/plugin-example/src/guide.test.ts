import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/plugins.md quotes this package (and the example app) instead of paraphrasing it: every
// fenced block after a `<!-- quote: path -->` marker must appear in that file, line for line
// (indentation aside, since the guide dedents), so the guide cannot drift from the code.
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const guide = readFileSync(`${repo}docs/plugins.md`, 'utf8');

interface Quote {
  readonly path: string;
  readonly lines: readonly string[];
}

function quotes(markdown: string): Quote[] {
  const found: Quote[] = [];
  const pattern = /<!-- quote: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(pattern)) found.push({ path: m[1] as string, lines: (m[2] as string).split('\n') });
  return found;
}

function occursIn(block: readonly string[], file: string): boolean {
  const lines = file.split('\n').map((l) => l.trim());
  const want = block.map((l) => l.trim());
  for (let i = 0; i + want.length <= lines.length; i++) {
    if (want.every((l, k) => lines[i + k] === l)) return true;
  }
  return false;
}

describe('docs/plugins.md', () => {
  const all = quotes(guide);

  it('marks every code block it quotes', () => {
    expect(all.length).toBeGreaterThan(15);
    expect(guide.match(/<!-- quote: /g)?.length).toBe(all.length);
  });

  it.each(all.map((q, i) => [i, q.path, q] as const))('quote %i (%s) matches the file', (_i, path, q) => {
    expect(occursIn(q.lines, readFileSync(`${repo}${path}`, 'utf8')), `${path}:\n${q.lines.join('\n')}`).toBe(true);
  });

  it('walks through every source file of the package', () => {
    const sources = readdirSync(here, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'describeValue.ts')
      .map((f) => `packages/plugin-example/src/${f}`);
    const quoted = new Set(all.map((q) => q.path));
    expect(sources.filter((f) => !quoted.has(f))).toEqual([]);
  });

  it('catches a quote that drifted', () => {
    expect(occursIn(['export function mishValue(x: number): number {'], readFileSync(`${here}mishImpl.ts`, 'utf8'))).toBe(true);
    expect(occursIn(['export function mishValue(x: number): string {'], readFileSync(`${here}mishImpl.ts`, 'utf8'))).toBe(false);
  });
});
