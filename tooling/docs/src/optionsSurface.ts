/**
 * Every public function and class that takes an options object, found from the types: each
 * export (and namespace member, `nn.Dense`) whose call or construct signature has a parameter
 * named `options` or typed as an `…Options` interface. The options walk
 * (optionsWalk.test.ts) must call every one of them with a bad key.
 */
import { existsSync } from 'node:fs';
import ts from 'typescript';
import { docsCompilerOptions, type EntryPoint } from './publicApi.js';

/** One public callable with an options parameter: `@mindts/cell nn.Dense#2` (0-based position). */
export interface OptionsTaker {
  /** `entry name` + space + export path, e.g. `@mindts/cell nn.Dense`. */
  readonly id: string;
  /** Position of the options parameter in the longest signature that has one. */
  readonly position: number;
  /** The known keys of its options type, each with the kind of value it takes. */
  readonly fields: readonly OptionField[];
}

/** What a known option key takes, as far as the walk's bad values go. */
export type FieldKind = 'number' | 'boolean' | 'string' | 'enum' | 'numeric' | 'other';

/** One known key of an options type. */
export interface OptionField {
  readonly key: string;
  readonly kind: FieldKind;
}

/**
 * `number`, `boolean`, `enum` (string literals) or `string` when every non-nullish member of
 * `type` is one; `numeric` for a union with a number and no string or boolean (`number | number[]`,
 * `number | Tensor`); else `other`.
 */
function kindOf(type: ts.Type): FieldKind {
  const parts = (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)),
  );
  if (parts.length === 0) return 'other';
  if (parts.every((t) => t.flags & ts.TypeFlags.NumberLike)) return 'number';
  if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return 'boolean';
  if (parts.every((t) => t.flags & ts.TypeFlags.StringLiteral)) return 'enum';
  if (parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return 'string';
  const has = (flag: ts.TypeFlags) => parts.some((t) => t.flags & flag);
  if (has(ts.TypeFlags.NumberLike) && !has(ts.TypeFlags.StringLike) && !has(ts.TypeFlags.BooleanLike)) return 'numeric';
  return 'other';
}

function fieldsOf(checker: ts.TypeChecker, sig: ts.Signature, position: number): OptionField[] {
  const param = sig.getParameters()[position];
  if (!param) return [];
  const type = checker.getNonNullableType(checker.getTypeOfSymbol(param));
  if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) return [];
  return checker
    .getPropertiesOfType(type)
    .map((prop) => ({ key: prop.name, kind: kindOf(checker.getTypeOfSymbol(prop)) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function optionsPosition(sig: ts.Signature): number {
  return sig.getParameters().findIndex((p) => {
    if (p.name === 'options') return true;
    const decl = p.valueDeclaration;
    if (!decl || !ts.isParameter(decl) || !decl.type) return false;
    return /Options\b/.test(decl.type.getText());
  });
}

/** The options-taking callables of `entries`, sorted by id. */
export function optionsTakers(entries: readonly EntryPoint[], options: ts.CompilerOptions = docsCompilerOptions()): OptionsTaker[] {
  const files = entries.flatMap((e) => (e.file && existsSync(e.file) ? [e.file] : []));
  const program = ts.createProgram({ rootNames: files, options });
  const checker = program.getTypeChecker();
  const found: OptionsTaker[] = [];
  const walk = (moduleSymbol: ts.Symbol, entry: string, prefix: string): void => {
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = target.declarations ?? [];
      if (decls.some(ts.isSourceFile)) {
        walk(target, entry, `${prefix}${exported.name}.`);
        continue;
      }
      if (!(target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) continue;
      // Abstract classes are reached through their subclasses.
      if (decls.some((d) => ts.isClassDeclaration(d) && d.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword))) continue;
      const type = checker.getTypeOfSymbol(target);
      const sigs = [...type.getCallSignatures(), ...type.getConstructSignatures()];
      const position = Math.max(-1, ...sigs.map((s) => optionsPosition(s)));
      const sig = sigs.find((s) => optionsPosition(s) === position);
      if (position >= 0 && sig)
        found.push({ id: `${entry} ${prefix}${exported.name}`, position, fields: fieldsOf(checker, sig, position) });
    }
  };
  for (const entry of entries) {
    const sourceFile = entry.file ? program.getSourceFile(entry.file) : undefined;
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    if (moduleSymbol) walk(moduleSymbol, entry.name, '');
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}
