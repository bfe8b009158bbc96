// Runs the whole vitest suite once, then the browser conformance suites in headless Chromium one
// after the other (they are heavy), and prints a plain "N passed, M failed" line that counts both:
// the last line of the output, which CI parses. The browser suites are skipped, with a line
// saying why, under MINDTS_SKIP_BROWSER=1, when arguments filter the vitest run (that is not
// every test), or when no Chromium is found.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findChromium } from './headless.mjs';

/** Each script takes `--json <file>` (see conformanceReport.mjs); `prepare` runs first when `needs` is missing. */
const BROWSER_SUITES = [
  { label: 'gpujs webgl2/webgpu', dir: 'packages/backend-gpujs', script: 'scripts/browserConformance.mjs' },
  {
    label: 'wasm',
    dir: 'packages/backend-wasm',
    script: 'scripts/browserConformance.mjs',
    // Written by the package's build, which `pnpm test` runs first; only a bare test.mjs lacks it.
    needs: 'src/generated/kernels.ts',
    prepare: 'scripts/buildWasm.mjs',
  },
];

function runVitest(args) {
  const out = '.vitest-results.json';
  rmSync(out, { force: true });
  // The workspace's vitest, also when this script is run with plain `node` rather than by pnpm.
  const PATH = [join(process.cwd(), 'node_modules', '.bin'), process.env.PATH].join(delimiter);
  const run = spawnSync('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, PATH },
  });
  if (run.error) console.error(`vitest could not run: ${run.error.message}`);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    // A file that fails to load has no failed test but must still count as a failure.
    const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed'));
    return { passed: r.numPassedTests, failed: r.numFailedTests + broken.length, ok: run.status === 0 };
  } catch {
    return { passed: 0, failed: 1, ok: false };
  }
}

/** Why the browser suites do not run, or undefined when they do. */
function browserSkipReason(args, env) {
  if (env.MINDTS_SKIP_BROWSER === '1') return 'MINDTS_SKIP_BROWSER=1';
  if (args.length) return `a filtered run (${args.join(' ')}) is not every test`;
  const chromium = findChromium(env);
  if (chromium.found) return undefined;
  if (env.CHROMIUM_PATH) return `chromium not found (CHROMIUM_PATH=${chromium.path} is not an executable file)`;
  return 'chromium not found (apt-get install chromium)';
}

/** Runs one suite; a missing or unreadable report, or a failing exit with no failure in it, counts as one failure. */
function runBrowserSuite(suite, reportDir) {
  const started = Date.now();
  const json = join(reportDir, `${suite.label.replace(/\W+/g, '-')}.json`);
  const node = (script, args = []) => spawnSync(process.execPath, [script, ...args], { cwd: suite.dir, stdio: 'inherit' }).status;
  let counts = { passed: 0, failed: 1 };
  if (!suite.needs || existsSync(join(suite.dir, suite.needs)) || node(suite.prepare) === 0) {
    const status = node(suite.script, ['--json', json]);
    try {
      const r = JSON.parse(readFileSync(json, 'utf8'));
      counts = { passed: r.passed, failed: status === 0 ? r.failed : Math.max(r.failed, 1) };
    } catch {
      // No report: the script crashed before writing one; counts stay at one failure.
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`browser ${suite.label}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
  return counts;
}

// `pnpm test -- <filter>` passes the `--` on, and vitest would then ignore the filter.
const args = process.argv.slice(process.argv[2] === '--' ? 3 : 2);
const vitest = runVitest(args);
let browserPassed = 0;
let browserFailed = 0;
const skip = browserSkipReason(args, process.env);
if (skip) console.log(`browser suites skipped: ${skip}`);
else {
  const reportDir = mkdtempSync(join(tmpdir(), 'mindts-browser-'));
  try {
    for (const suite of BROWSER_SUITES) {
      const r = runBrowserSuite(suite, reportDir);
      browserPassed += r.passed;
      browserFailed += r.failed;
    }
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
console.log(`${vitest.passed + browserPassed} passed, ${vitest.failed + browserFailed} failed`);
process.exit(vitest.ok && browserFailed === 0 ? 0 : 1);
