/**
 * `pnpm size`: bundles each published package's entry for the browser (Vite, minified), gzips it
 * and prints bytes per package against `tooling/bench/size-budget.json`; exits 1 when a package is
 * over its budget, has none, or cannot be bundled. Then it packs `mindts` and the packages it
 * depends on, installs them with npm into an empty project (offline from the npm cache;
 * MINDTS_CONSUMER_ONLINE=1 lets npm download) and prints the install's size on disk and time;
 * exits 1 when that is over 25 MB, brings gpu.js/webgpu/gl or runs an install script. `pnpm size -- --write` rewrites the budgets
 * with 20 % headroom over today's sizes (review the diff before committing it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  dependencyClosure,
  FORBIDDEN_PACKAGES,
  formatInstall,
  InstallUnavailable,
  installScripts,
  MAX_INSTALL_BYTES,
  packAndInstall,
} from '../release/consumer.js';
import { BUDGET_FILE, checkBudgets, formatSizeTable, type PackageSize, proposedBudget, readBudgets, type SizeBudgets } from './budget.js';
import { bundleApp } from './bundle.js';
import { REPO_ROOT, workspacePackages } from './workspace.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const write = args.includes('--write');
const unknown = args.filter((a) => a !== '--write');
if (unknown.length) {
  console.error(`size: unknown argument ${unknown.join(' ')}; usage: pnpm size [-- --write]`);
  process.exit(2);
}

const packages = workspacePackages();
const published = packages.filter((p) => !p.private);
const sizes: PackageSize[] = [];
const errors: string[] = [];
for (const pkg of published) {
  try {
    const bundle = await bundleApp(`export * from '${pkg.name}';`, { packages });
    sizes.push({ name: pkg.name, bytes: bundle.bytes, gzip: bundle.gzip });
  } catch (err) {
    errors.push(`${pkg.name}: could not be bundled: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const file = relative(REPO_ROOT, BUDGET_FILE);
if (write) {
  const budgets: SizeBudgets = {
    $comment: readBudgets().$comment,
    gzip: Object.fromEntries(sizes.map((s) => [s.name, proposedBudget(s.gzip)])),
  };
  writeFileSync(BUDGET_FILE, `${JSON.stringify(budgets, null, 2)}\n`);
  console.log(`wrote ${file}: budgets 20 % over today's sizes`);
}

const { rows, failures } = checkBudgets(
  sizes,
  readBudgets(),
  published.map((p) => p.name),
);
console.log(
  'Each published package\'s entry (`export * from "<package>"`) bundled for the browser with Vite from dist/, minified; gzip -9.',
);
console.log(formatSizeTable(rows));

// A user's `npm install mindts`, measured.
const root = mkdtempSync(join(tmpdir(), 'mindts-size-install-'));
try {
  mkdirSync(join(root, 'pack'));
  mkdirSync(join(root, 'app'));
  const online = process.env.MINDTS_CONSUMER_ONLINE === '1';
  const { install } = packAndInstall(dependencyClosure(packages, 'mindts'), join(root, 'pack'), join(root, 'app'), { online });
  console.log(`\n${formatInstall(install)}`);
  if (install.bytes > MAX_INSTALL_BYTES) failures.push(`npm install mindts: ${install.bytes} bytes on disk, over ${MAX_INSTALL_BYTES}`);
  const heavy = install.packages.filter((p) => FORBIDDEN_PACKAGES.includes(p));
  if (heavy.length) failures.push(`npm install mindts installs ${heavy.join(', ')}`);
  const scripts = installScripts(join(root, 'app', 'node_modules'));
  if (scripts.length) failures.push(`npm install mindts runs install scripts: ${scripts.join(', ')}`);
} catch (err) {
  if (!(err instanceof InstallUnavailable)) throw err;
  console.log(`\nnpm install mindts not measured: ${err.message}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

for (const line of [...errors, ...failures]) console.error(`✗ ${line}`);
if (errors.length || failures.length) {
  console.error(`size: ${errors.length + failures.length} problem(s); budgets are in ${file}.`);
  process.exit(1);
}
console.log(`size: every package within its budget (${file}).`);
