/**
 * Packs the published packages as `pnpm publish` would (workspace: ranges replaced by versions),
 * into a folder, in one pnpm call.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { REPO_ROOT, type WorkspacePackage } from '../size/workspace.js';

/**
 * One packed package.
 * @example
 * const packed: Packed = { name: 'mindts', version: '0.0.0', tarball: '/tmp/x/mindts-0.0.0.tgz', bytes: 8928, files: ['dist/index.js'] };
 */
export interface Packed {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Size of the .tgz. */
  bytes: number;
  /** Paths inside the package, as published. */
  files: string[];
}

/**
 * Runs `pnpm pack` for `packages` into `dest` and lists what each tarball holds.
 * @example
 * const packed = packPackages(publishedPackages(), mkdtempSync(join(tmpdir(), 'pack-')));
 */
export function packPackages(packages: readonly WorkspacePackage[], dest: string): Packed[] {
  if (packages.length === 0) throw new RangeError('packPackages: packages must not be empty.');
  const filters = packages.flatMap((p) => ['--filter', p.name]);
  const run = spawnSync('pnpm', ['-r', ...filters, 'pack', '--pack-destination', dest, '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`packPackages: pnpm could not run (${run.error.message}); it must be on PATH.`);
  if (run.status !== 0) throw new Error(`packPackages: pnpm pack exited with ${run.status}:\n${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const packed = list.map((p) => ({
    name: p.name,
    version: p.version,
    tarball: p.filename,
    bytes: statSync(p.filename).size,
    files: p.files.map((f) => f.path),
  }));
  const missing = packages.filter((p) => !packed.some((q) => q.name === p.name)).map((p) => p.name);
  if (missing.length) throw new Error(`packPackages: pnpm pack produced no tarball for ${missing.join(', ')}.`);
  return packed;
}
