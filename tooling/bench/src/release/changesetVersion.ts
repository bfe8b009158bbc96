/**
 * A dry run of `changeset version`: the repository's package.json files and `.changeset/` copied
 * into a temporary git repository, versioned there, and read back. The checkout is not touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT, workspacePackages } from '../size/workspace.js';

/**
 * The parts of `.changeset/config.json` the checks read.
 * @example
 * const config: ChangesetConfig = { linked: [['@mindts/*', 'mindts']], fixed: [], ignore: ['@mindts/example'] };
 */
export interface ChangesetConfig {
  linked: string[][];
  fixed: string[][];
  ignore: string[];
}

/**
 * What a dry run showed.
 * @example
 * const { before, after } = dryRunChangesetVersion();
 * after.get('mindts'); // '0.1.0'
 */
export interface DryRun {
  config: ChangesetConfig;
  /** Version per package name before and after `changeset version`. */
  before: Map<string, string>;
  after: Map<string, string>;
  /** The bumps the pending changesets ask for, per package: the highest of them. */
  requested: Map<string, 'major' | 'minor' | 'patch'>;
}

const ORDER = { patch: 0, minor: 1, major: 2 } as const;

/**
 * Whether a package name matches a changesets group: glob patterns with `*`, `!` excluding.
 * @example
 * inGroup('@mindts/ops', ['@mindts/*', '!@mindts/plugin-example']); // true
 */
export function inGroup(name: string, patterns: readonly string[]): boolean {
  const matches = (pattern: string) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^/]*')}$`).test(name);
  const included = patterns.some((p) => !p.startsWith('!') && matches(p));
  return included && !patterns.some((p) => p.startsWith('!') && matches(p.slice(1)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** The bumps named in the front matter of each pending changeset. */
function requestedBumps(changesetDir: string): Map<string, 'major' | 'minor' | 'patch'> {
  const requested = new Map<string, 'major' | 'minor' | 'patch'>();
  for (const file of readdirSync(changesetDir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(changesetDir, file), 'utf8'))?.[1] ?? '';
    for (const [, name, type] of front.matchAll(/^["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)) {
      const bump = type as 'major' | 'minor' | 'patch';
      const prev = requested.get(name as string);
      if (!prev || ORDER[bump] > ORDER[prev]) requested.set(name as string, bump);
    }
  }
  return requested;
}

function run(cwd: string, command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.error || r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${r.error?.message ?? `exit ${r.status}`}\n${r.stdout}${r.stderr}`);
  }
}

/**
 * Runs `changeset version` on a copy of the repository's manifests and changesets.
 * @example
 * const dry = dryRunChangesetVersion();
 * for (const [name, v] of dry.after) console.log(name, dry.before.get(name), '→', v);
 */
export function dryRunChangesetVersion(root: string = REPO_ROOT): DryRun {
  const packages = workspacePackages(root);
  const dir = mkdtempSync(join(tmpdir(), 'mindts-changeset-'));
  try {
    for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(dir, file));
    cpSync(join(root, '.changeset'), join(dir, '.changeset'), { recursive: true });
    for (const pkg of packages) {
      const target = join(dir, relative(root, pkg.dir), 'package.json');
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(pkg.dir, 'package.json'), target);
    }
    // The changelog generator (@changesets/cli/changelog) resolves from the copy's node_modules.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
    const git = ['-c', 'user.name=dry-run', '-c', 'user.email=dry-run@localhost', '-c', 'commit.gpgsign=false'];
    run(dir, 'git', ['init', '--quiet']);
    run(dir, 'git', ['add', '-A']);
    run(dir, 'git', [...git, 'commit', '--quiet', '--no-verify', '-m', 'dry run']);
    const config = JSON.parse(readFileSync(join(dir, '.changeset/config.json'), 'utf8')) as ChangesetConfig;
    const requested = requestedBumps(join(dir, '.changeset'));
    run(dir, process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version']);
    const versionOf = (base: string) => (pkgDir: string) =>
      JSON.parse(readFileSync(join(base, relative(root, pkgDir), 'package.json'), 'utf8')).version;
    const after = new Map(packages.map((p) => [p.name, versionOf(dir)(p.dir)] as const));
    const before = new Map(packages.map((p) => [p.name, p.manifest.version as string] as const));
    return { config: { linked: config.linked ?? [], fixed: config.fixed ?? [], ignore: config.ignore ?? [] }, before, after, requested };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
