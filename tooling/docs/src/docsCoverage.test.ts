/**
 * Every public export has TSDoc with an `@example` (STYLE.md), and the API site (`pnpm docs`,
 * /typedoc.json) covers every published entry point. The packages and their entry points come
 * from the workspace itself (pnpm-workspace.yaml, each package.json's `exports`), so a new
 * package or subpath is checked as soon as it exists.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntryPoints, docsCompilerOptions, type EntryPoint, entryLabel, expandGlob, publicEntryPoints, ROOT } from './publicApi.js';

const entries = publicEntryPoints();
/** An entry point whose source file is not written yet (a package being created). */
const pending = (e: EntryPoint) => e.file !== undefined && !ts.sys.fileExists(e.file);
const audits = auditEntryPoints(entries.filter((e) => !pending(e)));
/** The entry points with a source file, which the API site documents. */
const written = entries.filter((e) => e.file !== undefined && !pending(e));

describe('every public export has TSDoc with an @example', () => {
  it('finds the published packages', () => {
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['@mindts/tensor', '@mindts/tensor/backend', '@mindts/ops/testing']));
  });
  for (const entry of entries) {
    const audit = audits.find((a) => a.entry === entry);
    it.skipIf(pending(entry))(`${entryLabel(entry)}${pending(entry) ? ' — not written yet' : ''}`, () => {
      expect(audit!.gaps, `${entry.name}: exports without a doc comment or an @example`).toEqual([]);
      expect(audit!.checked, 'exports found').toBeGreaterThan(0);
    });
  }
});

describe('the audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mindts-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each export that lacks a doc comment or an @example, and a missing @module', () => {
    writeFileSync(
      join(dir, 'impl.ts'),
      [
        'export const bare = 1;',
        '/** Documented, without an example. */',
        'export function noExample(): void {}',
        '/**',
        ' * Documented, with an example.',
        ' * @example',
        ' * complete(); // 2',
        ' */',
        'export function complete(): number { return 2; }',
        '/** An empty example does not count. @example */',
        'export type EmptyExample = number;',
      ].join('\n'),
    );
    // The file comment documents the namespace; `export {}` keeps it off `leaf`.
    writeFileSync(join(dir, 'inner.ts'), '/**\n * A namespace.\n * @example\n * ns.leaf;\n */\nexport {};\nexport const leaf = 1;\n');
    writeFileSync(
      join(dir, 'index.ts'),
      "/** @module wrong-name */\nexport * from './impl.js';\nexport { complete as alias } from './impl.js';\nexport * as ns from './inner.js';\n",
    );
    const [audit] = auditEntryPoints([{ name: 'fixture', dir, file: join(dir, 'index.ts') }], docsCompilerOptions());
    expect(audit!.gaps).toEqual([
      'fixture: the module comment says "@module wrong-name"',
      'bare: no doc comment',
      'EmptyExample: no @example',
      'noExample: no @example',
      'ns.leaf: no doc comment',
    ]);
    expect(audit!.checked).toBe(7); // alias, bare, complete, EmptyExample, noExample, ns, ns.leaf
  });
});

/** typedoc.json, which may hold comments. */
function typedocConfig(): { entryPoints: string[]; packagesRequiringDocumentation: string[]; tsconfig: string } {
  const path = join(ROOT, 'typedoc.json');
  const { config, error } = ts.parseConfigFileTextToJson(path, readFileSync(path, 'utf8'));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return config;
}

describe('the API site (typedoc.json)', () => {
  const config = typedocConfig();

  it('documents exactly the published entry points', () => {
    const documented = config.entryPoints.flatMap((p) => expandGlob(p)).sort();
    const published = written.map((e) => relative(ROOT, e.file!)).sort();
    expect(documented).toEqual(published);
  });

  it('requires documentation in every published package', () => {
    const names = [...new Set(entries.map((e) => e.name.replace(/^((?:@[^/]+\/)?[^/]+).*$/, '$1')))].sort();
    expect([...config.packagesRequiringDocumentation].sort()).toEqual(names);
  });

  it("resolves every package import to the entry point's source, as the tests do", () => {
    expect(config.tsconfig).toBe('tooling/docs/tsconfig.json');
    const options = docsCompilerOptions();
    const from = join(ROOT, 'packages/index.ts');
    const resolved = written.map((e) => [e.name, ts.resolveModuleName(e.name, from, options, ts.sys).resolvedModule?.resolvedFileName]);
    expect(Object.fromEntries(resolved)).toEqual(Object.fromEntries(written.map((e) => [e.name, e.file])));
  });
});
