/**
 * A user's install of `mindts`, reproduced: the umbrella and the workspace packages it depends on
 * are packed as `pnpm publish` would pack them, then installed with plain npm into an empty
 * project, offline by default (from the tarballs and the npm cache). Used by the consumer test
 * (`consumer.test.ts`) and by `pnpm size`, which print the install's size and time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedFile, type WorkspacePackage } from '../size/workspace.js';
import { type Packed, packPackages } from './pack.js';

/**
 * The most a plain `npm install mindts` may put on disk (issue 19's goal): 25 MB.
 * @example
 * expect(install.bytes).toBeLessThanOrEqual(MAX_INSTALL_BYTES);
 */
export const MAX_INSTALL_BYTES = 25 * 1000 * 1000;

/**
 * Packages a plain install must not bring: gpu.js is an optional peer of the gpu.js backend, and
 * it would pull `webgpu` (Dawn binaries) and `gl` (built from source with node-gyp).
 * @example
 * FORBIDDEN_PACKAGES.includes('gl'); // true
 */
export const FORBIDDEN_PACKAGES: readonly string[] = ['gpu.js', 'webgpu', 'gl'];

/**
 * What an install took.
 * @example
 * const install: ConsumerInstall = { dir: '/tmp/app', seconds: 9.8, bytes: 14_000_000, packages: ['mindts', 'long'], offline: true };
 */
export interface ConsumerInstall {
  /** The project folder (its `node_modules` holds the install). */
  dir: string;
  /** Wall time of `npm install`. */
  seconds: number;
  /** Bytes of every file under `node_modules` (apparent size). */
  bytes: number;
  /** Every installed package, by name. */
  packages: string[];
  /** Whether npm ran with `--offline` (else `--prefer-offline`, which may download). */
  offline: boolean;
}

/**
 * Thrown when npm could not install for a reason outside the packages (a cold cache offline, no
 * network): the caller skips, printing the reason, rather than failing.
 * @example
 * try { installConsumer(tarballs, dir); } catch (err) { if (err instanceof InstallUnavailable) console.log(err.message); }
 */
export class InstallUnavailable extends Error {
  override name = 'InstallUnavailable';
}

/**
 * `root` and every workspace package it depends on (`dependencies`, transitively), sorted by name.
 * @example
 * dependencyClosure(workspacePackages(), 'mindts').map((p) => p.name); // ['@mindts/backend-cpu', …, 'mindts']
 */
export function dependencyClosure(packages: readonly WorkspacePackage[], root: string): WorkspacePackage[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const seen = new Map<string, WorkspacePackage>();
  const visit = (name: string) => {
    const pkg = byName.get(name);
    if (!pkg || seen.has(name)) return;
    seen.set(name, pkg);
    for (const dep of Object.keys((pkg.manifest.dependencies as Record<string, string> | undefined) ?? {})) visit(dep);
  };
  visit(root);
  if (!seen.has(root)) throw new Error(`dependencyClosure: ${root} is not a workspace package.`);
  return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Why the packages cannot be packed as users get them (a missing `dist/` entry), or undefined.
 * @example
 * unbuilt(dependencyClosure(workspacePackages(), 'mindts')); // undefined after `pnpm build`
 */
export function unbuilt(packages: readonly WorkspacePackage[]): string | undefined {
  const missing = packages.map((p) => exportedFile(p, '.', ['import', 'default'])).filter((f) => !existsSync(f));
  return missing.length ? `not built (${missing.join(', ')} missing); run pnpm build` : undefined;
}

/** npm's own words for an install that needs what is not there (cache, network). */
const UNAVAILABLE = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|network/;

/**
 * Installs `tarballs` with npm into `dir` (an empty folder), as top-level dependencies of a new
 * ES-module project, and measures it. Offline unless `online`.
 * @example
 * const install = installConsumer(packed.map((p) => p.tarball), mkdtempSync(join(tmpdir(), 'app-')));
 */
export function installConsumer(tarballs: readonly string[], dir: string, options: { online?: boolean } = {}): ConsumerInstall {
  const offline = !options.online;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'mindts-consumer', private: true, type: 'module' }, null, 2)}\n`);
  const args = ['install', offline ? '--offline' : '--prefer-offline', '--no-audit', '--no-fund', '--no-update-notifier', ...tarballs];
  const started = performance.now();
  const run = spawnSync('npm', args, { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) throw new InstallUnavailable(`npm could not run (${run.error.message}); it must be on PATH`);
  if (run.status !== 0) {
    const output = `${run.stdout}\n${run.stderr}`.trim();
    const first = output.split('\n').find((l) => /npm error (code|request)/.test(l)) ?? output.split('\n')[0];
    if (UNAVAILABLE.test(output)) {
      const hint = offline ? ' (the npm cache is cold: run once with MINDTS_CONSUMER_ONLINE=1 to fill it)' : '';
      throw new InstallUnavailable(`npm install ${offline ? '--offline ' : ''}failed: ${first}${hint}`);
    }
    throw new Error(`npm install exited with ${run.status}:\n${output}`);
  }
  const modules = join(dir, 'node_modules');
  return { dir, seconds, bytes: treeBytes(modules), packages: installedPackages(modules), offline };
}

/**
 * Packs `packages` into `packDir` and installs them into `appDir` (see {@link installConsumer}).
 * @example
 * const { install } = packAndInstall(dependencyClosure(workspacePackages(), 'mindts'), packDir, appDir);
 */
export function packAndInstall(
  packages: readonly WorkspacePackage[],
  packDir: string,
  appDir: string,
  options: { online?: boolean } = {},
): { packed: Packed[]; install: ConsumerInstall } {
  const packed = packPackages(packages, packDir);
  return {
    packed,
    install: installConsumer(
      packed.map((p) => p.tarball),
      appDir,
      options,
    ),
  };
}

/**
 * Bytes of every regular file under `dir` (links not followed).
 * @example
 * treeBytes('/tmp/app/node_modules'); // 14_012_345
 */
export function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(full);
    else if (entry.isFile()) total += lstatSync(full).size;
  }
  return total;
}

/**
 * The packages under a `node_modules` folder, nested ones included, by name.
 * @example
 * installedPackages('/tmp/app/node_modules'); // ['@mindts/backend-cpu', …, 'long', 'mindts', 'protobufjs']
 */
export function installedPackages(modules: string): string[] {
  const names = new Set<string>();
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const scoped = entry.name.startsWith('@');
      const dirs = scoped ? readdirSync(join(folder, entry.name)).map((n) => join(entry.name, n)) : [entry.name];
      for (const rel of dirs) {
        names.add(rel.split('\\').join('/'));
        walk(join(folder, rel, 'node_modules'));
      }
    }
  };
  walk(modules);
  return [...names].sort();
}

/**
 * Installed packages that build or fetch something at install time: an install script
 * (`preinstall`, `install`, `postinstall`) or a `binding.gyp` (npm runs node-gyp for it).
 * @example
 * installScripts('/tmp/app/node_modules'); // [] for a light install
 */
export function installScripts(modules: string): string[] {
  const found: string[] = [];
  for (const name of installedPackages(modules)) {
    const dir = join(modules, name);
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const scripts = (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
    const hooks = ['preinstall', 'install', 'postinstall'].filter((h) => scripts[h]);
    if (hooks.length) found.push(`${name} (${hooks.join(', ')})`);
    else if (existsSync(join(dir, 'binding.gyp'))) found.push(`${name} (binding.gyp)`);
  }
  return found;
}

/**
 * One line of install figures.
 * @example
 * formatInstall(install); // 'npm install mindts (offline, 13 packages): 14.0 MB on disk, 9.8 s'
 */
export function formatInstall(install: ConsumerInstall): string {
  const mb = (install.bytes / 1e6).toFixed(1);
  return `npm install mindts (${install.offline ? 'offline' : 'prefer-offline'}, ${install.packages.length} packages): ${mb} MB on disk (goal ≤ ${MAX_INSTALL_BYTES / 1e6} MB), ${install.seconds.toFixed(1)} s`;
}
