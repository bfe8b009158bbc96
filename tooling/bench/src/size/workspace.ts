/**
 * The workspace's packages, read from `pnpm-workspace.yaml` and each `package.json`, so the size
 * budgets and release checks follow the workspace as packages are added.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo root (this file is `tooling/bench/{src,dist}/size/workspace.*`).
 * @example
 * join(REPO_ROOT, 'pnpm-workspace.yaml');
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

type ExportTarget = string | { [condition: string]: ExportTarget };

/**
 * One workspace package.
 * @example
 * const tensor: WorkspacePackage = { name: '@mindts/tensor', dir: '/repo/packages/tensor', private: false, manifest: {} };
 */
export interface WorkspacePackage {
  name: string;
  /** Absolute directory. */
  dir: string;
  private: boolean;
  manifest: { exports?: Record<string, ExportTarget>; [field: string]: unknown };
}

/** The `packages:` globs of pnpm-workspace.yaml; only `dir/*` globs are used in this repo. */
function workspaceGlobs(root: string): string[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\s*\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  return [...block.matchAll(/-\s*['"]?([^'"\n#]+?)['"]?\s*(?:#.*)?$/gm)].map((m) => (m[1] as string).trim());
}

/**
 * Every package of the workspace, sorted by name.
 * @example
 * workspacePackages().map((p) => p.name); // ['@mindts/backend-cpu', …, 'mindts']
 */
export function workspacePackages(root: string = REPO_ROOT): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const glob of workspaceGlobs(root)) {
    if (!glob.endsWith('/*') || glob.slice(0, -2).includes('*')) {
      throw new Error(`workspacePackages: pnpm-workspace.yaml glob '${glob}' is not of the form 'dir/*', the only form this reader knows.`);
    }
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const file = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      packages.push({ name: manifest.name, dir: dirname(file), private: manifest.private === true, manifest });
    }
  }
  return packages.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The packages `pnpm publish -r` would publish: those not marked private.
 * @example
 * publishedPackages().some((p) => p.name === 'mindts'); // true
 */
export function publishedPackages(root: string = REPO_ROOT): WorkspacePackage[] {
  return workspacePackages(root).filter((p) => !p.private);
}

function pick(target: ExportTarget | undefined, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string' || target === undefined) return target;
  for (const [condition, next] of Object.entries(target)) {
    if (conditions.includes(condition)) {
      const found = pick(next, conditions);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The file a bundler resolves for `pkg` (or its `subpath`) under `conditions`; by default what a
 * user's bundler gets from the published package (`import`/`default`: the built `dist/`).
 * @example
 * exportedFile(tensorPackage); // '/repo/packages/tensor/dist/index.js'
 */
export function exportedFile(
  pkg: WorkspacePackage,
  subpath = '.',
  conditions: readonly string[] = ['browser', 'import', 'default'],
): string {
  const target = pick(pkg.manifest.exports?.[subpath], conditions);
  if (!target) {
    throw new Error(`${pkg.name}: package.json exports has no '${subpath}' entry for the conditions ${conditions.join(', ')}.`);
  }
  return join(pkg.dir, target);
}
