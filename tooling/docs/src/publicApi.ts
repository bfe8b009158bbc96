/**
 * The public API as the docs see it: every entry point that a published workspace package's
 * `exports` map names, and an audit of what each one exports — a TSDoc comment with a summary
 * and an `@example` on every export, and a module comment naming the entry point (`@module`),
 * which is the name typedoc gives it on the API site.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root (this file is tooling/docs/src/publicApi.ts). */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** One subpath of a package's `exports`, e.g. `@mindts/tensor/backend`. */
export interface EntryPoint {
  /** The import specifier: the package name plus the subpath. */
  readonly name: string;
  /** The package directory, relative to the root. */
  readonly dir: string;
  /** The source file the `@mindts/source` condition points at (absolute), or undefined. */
  readonly file: string | undefined;
}

/** What an entry point lacks; empty when it is fully documented. */
export interface EntryAudit {
  readonly entry: EntryPoint;
  readonly gaps: string[];
  /** How many exports were checked (namespace members included). */
  readonly checked: number;
}

/** The directories pnpm-workspace.yaml's `packages:` globs match (`dir/*` or a literal dir). */
export function workspaceDirs(root = ROOT): string[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs: string[] = [];
  let inPackages = false;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPackages = line.startsWith('packages:');
    const item = inPackages ? /^\s+-\s+['"]?([^'"#\s]+)/.exec(line) : null;
    if (item) globs.push(item[1]!);
  }
  return globs.flatMap((g) => expandGlob(g, root)).filter((d) => existsSync(join(root, d, 'package.json')));
}

/** Expands a path pattern whose `*` segments match one directory entry each (no `**`). */
export function expandGlob(pattern: string, root = ROOT): string[] {
  let paths = [''];
  for (const segment of pattern.split('/')) {
    if (!segment.includes('*')) {
      paths = paths.map((p) => (p ? `${p}/${segment}` : segment)).filter((p) => existsSync(join(root, p)));
      continue;
    }
    const re = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);
    paths = paths.flatMap((p) => {
      const dir = join(root, p);
      const names = existsSync(dir) ? readdirSync(dir).filter((n) => re.test(n)) : [];
      return names.sort().map((n) => (p ? `${p}/${n}` : n));
    });
  }
  return paths;
}

/** Every entry point of every published (not `private`) workspace package. */
export function publicEntryPoints(root = ROOT): EntryPoint[] {
  return workspaceDirs(root).flatMap((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      name: string;
      private?: boolean;
      exports?: Record<string, unknown>;
    };
    if (pkg.private || !pkg.exports) return [];
    return Object.entries(pkg.exports)
      .filter(([subpath]) => !subpath.endsWith('.json'))
      .map(([subpath, target]) => {
        const source = typeof target === 'object' && target ? (target as Record<string, unknown>)['@mindts/source'] : undefined;
        return {
          name: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`,
          dir,
          file: typeof source === 'string' ? resolve(root, dir, source) : undefined,
        };
      });
  });
}

/** The compiler options of the docs program (tooling/docs/tsconfig.json), which typedoc uses too. */
export function docsCompilerOptions(root = ROOT): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tooling/docs/tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tooling/docs/tsconfig.json could not be read');
  return config.options;
}

/** The first `/** … *\/` comment of a file, before any code, without its delimiters and stars. */
export function fileComment(sourceFile: ts.SourceFile): string | undefined {
  const text = sourceFile.getFullText();
  const range = ts.getLeadingCommentRanges(text, 0)?.find((r) => text.startsWith('/**', r.pos));
  if (!range) return undefined;
  return text
    .slice(range.pos + 3, range.end - 2)
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

interface DocInfo {
  summary: boolean;
  example: boolean;
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  if (comment === undefined) return '';
  return typeof comment === 'string' ? comment : comment.map((c) => c.text).join('');
}

/** Whether one declaration carries a TSDoc summary and an `@example` with code in it. */
function declarationDoc(decl: ts.Declaration): DocInfo {
  if (ts.isSourceFile(decl)) {
    const comment = fileComment(decl) ?? '';
    return { summary: /^[^@\s]/.test(comment), example: /(^|\n)@example\s*\S/.test(comment) };
  }
  const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
  return {
    summary: docs.some((d) => commentText(d.comment).trim() !== ''),
    example: docs.some((d) => d.tags?.some((t) => t.tagName.text === 'example' && commentText(t.comment).trim() !== '') ?? false),
  };
}

/**
 * Audits entry points in one program: each export (and each member of an `export * as ns`
 * namespace, as `ns.member`) needs a summary and an `@example` on one of its declarations, and the
 * entry file a module comment tagged `@module <entry name>`.
 */
export function auditEntryPoints(entries: readonly EntryPoint[], options: ts.CompilerOptions = docsCompilerOptions()): EntryAudit[] {
  const files = entries.flatMap((e) => (e.file && existsSync(e.file) ? [e.file] : []));
  const program = ts.createProgram({ rootNames: files, options });
  const checker = program.getTypeChecker();

  const auditModule = (moduleSymbol: ts.Symbol, prefix: string, gaps: string[]): number => {
    let checked = 0;
    const exports = checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name));
    for (const exported of exports) {
      const name = prefix + exported.name;
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = target.declarations ?? [];
      checked++;
      const docs = decls.map(declarationDoc);
      if (!docs.some((d) => d.summary)) gaps.push(`${name}: no doc comment`);
      else if (!docs.some((d) => d.example)) gaps.push(`${name}: no @example`);
      // `export * as nn from './nn/index.js'`: its members are public exports too.
      if (decls.some(ts.isSourceFile)) checked += auditModule(target, `${name}.`, gaps);
    }
    return checked;
  };

  return entries.map((entry) => {
    const gaps: string[] = [];
    const sourceFile = entry.file ? program.getSourceFile(entry.file) : undefined;
    if (!entry.file) return { entry, gaps: [`${entry.name}: its exports entry has no "@mindts/source" condition`], checked: 0 };
    if (!sourceFile) return { entry, gaps: [`${entry.name}: ${relative(ROOT, entry.file)} does not exist`], checked: 0 };
    const comment = fileComment(sourceFile);
    const tag = comment && /(^|\n)@module[ \t]+(\S+)/.exec(comment);
    if (!tag) gaps.push(`${entry.name}: the entry file has no module comment with "@module ${entry.name}"`);
    else if (tag[2] !== entry.name) gaps.push(`${entry.name}: the module comment says "@module ${tag[2]}"`);
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    const checked = moduleSymbol ? auditModule(moduleSymbol, '', gaps) : 0;
    return { entry, gaps, checked };
  });
}

/** The directory of an entry's package.json, for messages. */
export function entryLabel(entry: EntryPoint, root = ROOT): string {
  return entry.file ? `${entry.name} (${relative(root, entry.file)})` : `${entry.name} (${join(entry.dir, 'package.json')})`;
}
