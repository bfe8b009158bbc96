/**
 * The printed form of a Cell tree, as MindSpore's `Cell.__repr__` (master): `Name(extra)` for a
 * leaf, and the children indented one per line as `(key): Child(...)`.
 */
import type { Cell } from './cell.js';

/** MindSpore's `_addindent`: indents every line but the first. */
function addIndent(text: string, spaces: number): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  const pad = ' '.repeat(spaces);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

/** `name(extra)` with `children` as `(key): child` lines. */
export function cellRepr(name: string, extra: string, children: Iterable<readonly [string, Cell | null]>): string {
  const extraLines = extra ? extra.split('\n') : [];
  const childLines: string[] = [];
  for (const [key, child] of children) childLines.push(`(${key}): ${addIndent(String(child), 2)}`);
  const lines = [...extraLines, ...childLines];
  let main = `${name}(`;
  if (lines.length > 0) {
    main += extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
  }
  return `${main})`;
}
