/**
 * The code of a Markdown guide as programs to run. A ```ts block starts a program; a block
 * fenced as ```ts continued adds to the program before it (GitHub shows both as TypeScript). A
 * ```text block that follows a ts block, with only prose between, is what that block prints.
 */

/** One fenced block of the guide. */
export interface Fence {
  /** The first word of the info string (`ts`, `python`, `text`). */
  readonly lang: string;
  /** The rest of the info string (`continued`). */
  readonly info: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The closest `#`…`####` heading above it. */
  readonly heading: string;
}

/** One ts block of a program and what the guide says it prints (undefined: not shown). */
export interface Segment {
  readonly fence: Fence;
  readonly expected: string | undefined;
}

/** A runnable program: a ts block and the `ts continued` blocks after it. */
export interface Program {
  readonly segments: Segment[];
}

/** Every fenced block (``` only) of `markdown`, in order. */
export function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^#{1,4}\s+(.*)$/.exec(line);
    if (h) heading = h[1]!.trim();
    const open = /^```(\S*)\s*(.*)$/.exec(line);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^```\s*$/.test(lines[i]!)) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`line ${start + 1}: a code fence is never closed`);
    out.push({ lang: open[1]!, info: open[2]!.trim(), code: body.join('\n'), line: start + 1, heading });
  }
  return out;
}

/** The ts programs of `markdown`, each block with the output the guide shows for it. */
export function programs(markdown: string): Program[] {
  const all = fences(markdown);
  const out: Program[] = [];
  all.forEach((fence, k) => {
    if (fence.lang !== 'ts') return;
    const next = all[k + 1];
    const expected = next?.lang === 'text' ? next.code : undefined;
    const segment = { fence, expected };
    if (fence.info === 'continued') {
      const last = out[out.length - 1];
      if (!last) throw new Error(`line ${fence.line}: a 'ts continued' block needs a ts block before it`);
      last.segments.push(segment);
    } else out.push({ segments: [segment] });
  });
  return out;
}

/** The line printed between segments, to tell their outputs apart. */
export const SEGMENT_MARK = '\u0000mindts-guide-segment';

/**
 * The program as one module: its segments in order, each followed by a line that prints
 * {@link SEGMENT_MARK}, with package imports rewritten by `resolveImport` (e.g. to source files).
 */
export function programSource(program: Program, resolveImport: (specifier: string) => string): string {
  return program.segments
    .map((s) => {
      const code = s.fence.code.replace(/(\bfrom\s+|\bimport\s+)(['"])([^'"]+)\2/g, (_, kw: string, q: string, spec: string) => {
        return `${kw}${q}${resolveImport(spec)}${q}`;
      });
      return `${code}\nconsole.log(${JSON.stringify(SEGMENT_MARK)});`;
    })
    .join('\n');
}

/** Splits what a program printed (its lines joined by '\n') into each segment's output. */
export function segmentOutputs(printed: string, count: number): string[] {
  const parts = printed.split(`${SEGMENT_MARK}\n`);
  // What follows the last mark is empty: a segment's output ends with its mark.
  const outputs = parts.slice(0, count).map((p) => p.replace(/\n$/, ''));
  if (parts.length !== count + 1) throw new Error(`the program printed ${parts.length - 1} of its ${count} segment marks`);
  return outputs;
}
