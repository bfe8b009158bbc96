/**
 * The README's TypeScript examples compile under `strict` with no cast (issue 19): each ts
 * program of README.md and of the MindSpore guide (docs/mindspore.md) is typechecked against the packages' sources (the docs program's options,
 * with `strict`), and no ts block of a README or guide casts to a Tensor type or
 * through `unknown`/`any`, which the precise types of `valueAndGrad`, `grad` and `array()` make
 * unnecessary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fences, programs } from './guideBlocks.js';
import { docsCompilerOptions, ROOT, workspaceDirs } from './publicApi.js';

/** Every Markdown file whose ts blocks users copy: the READMEs and the guides. */
const MARKDOWN = [
  'README.md',
  'docs/mindspore.md',
  'docs/plugins.md',
  ...workspaceDirs()
    .map((d) => `${d}/README.md`)
    .filter((f) => {
      try {
        readFileSync(join(ROOT, f));
        return true;
      } catch {
        return false;
      }
    }),
];

/** A cast that the types should make unnecessary: to a Tensor type, a tuple, `unknown` or `any`. */
const CAST = /\bas\s+(?:unknown\b|any\b|(?:\w+\.)?Tensor\b|\[)/;

/** `code` without comments and import lines (`import * as ops` is not a cast). */
function codeOnly(code: string): string {
  return code
    .split('\n')
    .map((l) => (/^\s*import\s/.test(l) ? '' : l.replace(/\/\/.*$/, '')))
    .join('\n');
}

/**
 * Typechecks `files` (virtual path → source) in one program with the docs options, returning the
 * diagnostics of those files only, as `path:line: message`.
 */
function typecheck(files: Map<string, string>): string[] {
  // `strict` as a user sets it; the repository's own noUncheckedIndexedAccess is not part of it.
  const options: ts.CompilerOptions = {
    ...docsCompilerOptions(),
    strict: true,
    noUncheckedIndexedAccess: false,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const file = d.file as ts.SourceFile;
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${file.fileName.slice(ROOT.length)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/** The ts programs of `file`, as virtual files named after the line each starts at. */
function programFiles(file: string): Map<string, string> {
  const all = programs(readFileSync(join(ROOT, file), 'utf8'));
  const slug = file.replace(/\W+/g, '-');
  return new Map(
    all.map((p) => [
      join(ROOT, `tooling/docs/.readme/${slug}-line-${p.segments[0]?.fence.line}.ts`),
      p.segments.map((s) => s.fence.code).join('\n'),
    ]),
  );
}

describe('README.md: its TypeScript programs compile under strict', () => {
  it('has the usage program and the umbrella program', () => {
    expect(programFiles('README.md').size).toBeGreaterThanOrEqual(2);
  });

  it('typechecks every program against the packages (strict), in one program', () => {
    // A broken program alongside shows the check is not vacuous: its error, and only its, is found.
    const broken = join(ROOT, 'tooling/docs/.readme/broken.ts');
    const files = new Map([
      ...programFiles('README.md'),
      [broken, "import { tensor } from '@mindts/tensor';\nconst n: string = tensor([1]).arraySync(1);\n"],
    ]);
    expect(typecheck(files)).toEqual([expect.stringMatching(/broken\.ts:2: Type '.*' is not assignable to type 'string'/)]);
  }, 180_000);
});

describe('docs/mindspore.md: its TypeScript programs compile under strict', () => {
  it('typechecks every program of the MindSpore guide against the packages (strict)', () => {
    const files = programFiles('docs/mindspore.md');
    expect(files.size).toBeGreaterThanOrEqual(10);
    expect(typecheck(files)).toEqual([]);
  }, 300_000);
});

describe('no ts block of a README or guide casts to a Tensor type, a tuple, unknown or any', () => {
  it.each(MARKDOWN)('%s', (file) => {
    const casts = fences(readFileSync(join(ROOT, file), 'utf8'))
      .filter((f) => f.lang === 'ts')
      .flatMap((f) =>
        codeOnly(f.code)
          .split('\n')
          .flatMap((l, i) => (CAST.test(l) ? [`${file}:${f.line + 1 + i}: ${l.trim()}`] : [])),
      );
    expect(casts).toEqual([]);
  });

  it('the pattern matches the casts it is meant to catch, and not imports or `as const`', () => {
    expect(
      ['grads as Tensor[]', '(loss as Tensor).item()', 'x as unknown as number', 'g as ms.Tensor[]', 'v as [Tensor, Tensor]'].every((l) =>
        CAST.test(l),
      ),
    ).toBe(true);
    expect(codeOnly("import * as ops from '@mindts/ops';\nconst t = [1, 2] as const; // as Tensor")).not.toMatch(CAST);
  });
});
