/**
 * Release checks of one packed package: publint (package.json against the files it publishes)
 * and Are the Types Wrong (its types under Node's and bundlers' module resolution).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import type { Packed } from './pack.js';

/**
 * publint's errors, warnings and suggestions for a tarball, each as one line.
 * @example
 * await publintTarball(packed); // [] when the package is fine
 */
export async function publintTarball(packed: Packed): Promise<string[]> {
  const data = readFileSync(packed.tarball);
  const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
  return messages.map((m) => `publint ${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false }) ?? JSON.stringify(m.args)}`);
}

/**
 * Resolution modes attw checks that an ESM-only package does not support, by design:
 * `node16-cjs` (`require()` of ESM, which Node ≥ 20.19 does, but attw counts as a problem). `node10`
 * (TypeScript's `moduleResolution: node10`, no `exports`) is supported through the top-level
 * `types` and `typesVersions`, so it is checked.
 * @example
 * ESM_ONLY_IGNORED.includes('node10'); // false
 */
export const ESM_ONLY_IGNORED = ['node16-cjs'];

const require = createRequire(import.meta.url);
const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');

interface AttwProblem {
  kind: string;
  resolutionKind?: string;
  [detail: string]: unknown;
}

/**
 * Are the Types Wrong's problems for a tarball (every resolution but {@link ESM_ONLY_IGNORED}'s; the
 * rule `cjs-resolves-to-esm` off, as an ESM-only package breaks it by design), each as one line
 * (the CLI, run on the tarball; no registry access).
 * @example
 * await attwTarball(packed); // [] when every entry point's types resolve under node16-ESM and bundler
 */
export async function attwTarball(packed: Packed): Promise<string[]> {
  const args = [attwBin, packed.tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'json', '--no-definitely-typed'];
  let stdout: string;
  let exitCode = 0;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = err as { stdout?: string; code?: number; message: string };
    if (!e.stdout) throw new Error(`attw could not check ${packed.tarball}: ${e.message}`);
    stdout = e.stdout;
    exitCode = e.code ?? 1;
  }
  const report = JSON.parse(stdout) as { analysis: { problems?: AttwProblem[] } };
  const problems = (report.analysis.problems ?? []).filter((p) => !ESM_ONLY_IGNORED.includes(p.resolutionKind ?? ''));
  const lines = problems.map(({ kind, ...details }) => `attw ${kind}: ${JSON.stringify(details)}`);
  if (exitCode !== 0 && lines.length === 0)
    lines.push(`attw exited with ${exitCode} but reported no problem outside ${ESM_ONLY_IGNORED.join(', ')}`);
  return lines;
}
