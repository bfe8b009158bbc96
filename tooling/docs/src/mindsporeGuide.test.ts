/**
 * docs/mindspore.md, the MindSpore → mindts guide, is tested: every ts program in it runs (each in
 * a fresh module graph, so each registers its own backend as a user would), what it prints
 * matches the output the guide shows, and every row of DESIGN §4's table has its section.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fences, programSource, programs, segmentOutputs } from './guideBlocks.js';
import { publicEntryPoints, ROOT } from './publicApi.js';

const GUIDE = 'docs/mindspore.md';
const markdown = readFileSync(join(ROOT, GUIDE), 'utf8');

/**
 * The MindSpore column of DESIGN §4's table (the design lives outside the repository, in
 * ../shared/DESIGN.md, which a clean clone lacks; the last test compares when it is there).
 */
const MINDSPORE_COLUMN = [
  '`Tensor(np.array, mindspore.float32)`',
  '`t.asnumpy()`, `t.shape`, `t.dtype`',
  '`t[0] = 1.`, `t[0:2]`',
  '`Parameter(default_input, name=None, requires_grad=True)`',
  '`param.name`, `requires_grad`, `data`, `value()`',
  '`param.set_data(data, slice_shape=False)`',
  "`param.clone(init='same')`, `init_data()`",
  '`ParameterTuple((x, y, z))`, `.clone(prefix, init)`',
  "`initializer('ones', [1,2,3], ms.float32)`",
  '`class Net(nn.Cell)`, `construct`, `net(x)`',
  '`trainable_params()`, `untrainable_params()`',
  '`get_parameters()`, `parameters_and_names()`, `parameters_dict()`',
  '`cells_and_names()`, `name_cells()`, `set_train()`',
  '`insert_param_to_cell`, `update_parameters_name`',
  '`ops.matmul`, `ops.assign`, `ops.assign_add`',
  '`@ms.jit`, `ms.jit(fn)`',
  '`value_and_grad(fn, grad_position, weights, has_aux)`',
  '`nn.Dense`, `nn.BatchNorm1d/2d`, `nn.SGD/Momentum/Adam`',
  '`save_checkpoint`, `load_checkpoint`, `load_param_into_net`',
];

/** Package imports run against the sources, as every test in the repository does. */
const sources = new Map(publicEntryPoints().flatMap((e) => (e.file ? [[e.name, e.file] as const] : [])));

/** Lines compared without trailing spaces (editors strip them in Markdown). */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd();
}

describe(`${GUIDE}: every ts program runs and prints what the guide shows`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mindts-guide-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const all = programs(markdown);

  it('has programs, most of them with their output', () => {
    expect(all.length).toBeGreaterThanOrEqual(MINDSPORE_COLUMN.length);
    const shown = all.flatMap((p) => p.segments).filter((s) => s.expected !== undefined);
    expect(shown.length).toBeGreaterThanOrEqual(MINDSPORE_COLUMN.length);
  });

  all.forEach((program, i) => {
    const first = program.segments[0]!.fence;
    it(`line ${first.line}: ${first.heading}`, async () => {
      const file = join(dir, `program${i}.ts`);
      writeFileSync(
        file,
        programSource(program, (spec) => sources.get(spec) ?? spec),
      );
      const printed: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(`${format(...args)}\n`);
      });
      // A fresh module graph: registries start empty, as in a program of its own.
      vi.resetModules();
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        log.mockRestore();
      }
      const outputs = segmentOutputs(printed.join(''), program.segments.length);
      program.segments.forEach((segment, k) => {
        if (segment.expected === undefined) return;
        expect(normalize(outputs[k]!), `the output of the block at line ${segment.fence.line}`).toBe(normalize(segment.expected));
      });
    });
  });
});

describe(`${GUIDE}: every row of DESIGN §4`, () => {
  const headings = fences(markdown);

  it.each(MINDSPORE_COLUMN)('%s has a section with MindSpore and mindts code', (row) => {
    const lines = markdown.split('\n');
    const start = lines.findIndex((l) => /^###\s/.test(l) && l.includes(row));
    expect(start, `a '### … ${row}' heading`).toBeGreaterThanOrEqual(0);
    const title = lines[start]!.replace(/^###\s+/, '').trim();
    const inSection = headings.filter((f) => f.heading === title);
    expect(inSection.map((f) => f.lang)).toEqual(expect.arrayContaining(['python', 'ts']));
  });

  const design = join(ROOT, '../shared/DESIGN.md');
  it.skipIf(!existsSync(design))('the copy of the MindSpore column matches DESIGN.md', () => {
    const text = readFileSync(design, 'utf8');
    const table = text.slice(text.indexOf('## 4.'), text.indexOf('\n## 5.'));
    const rows = table
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) =>
        l
          .split(' | ')[0]!
          .replace(/^\|\s*/, '')
          .trim(),
      );
    expect(rows).toEqual(MINDSPORE_COLUMN);
  });
});
