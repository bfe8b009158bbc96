// Runs the whole vitest suite once, then the browser suites in headless Chromium one after the
// other (they are heavy: the backends' conformance suites and the playground end to end), then
// the gpu.js headlessgl suite in Node under Xvfb, and prints a plain "N passed, M failed" line
// that counts them all: the last line of the output, which CI parses. The browser and
// headless-gl suites are skipped, with a line saying why, under MINDTS_SKIP_BROWSER=1 or when
// arguments filter the vitest run (that is not every test); the browser suites also when no
// Chromium is found, the headless-gl one when `gl` is not built (.ci/run builds it outside the
// workspace; MINDTS_GL_PATH names its node_modules) or there is no `xvfb-run`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findChromium } from './headless.mjs';

/** Each script takes `--json <file>` (see conformanceReport.mjs); `prepare` runs first when `needs` is missing. */
const BROWSER_SUITES = [
  { label: 'gpujs webgl2/webgl/webgpu', dir: 'packages/backend-gpujs', script: 'scripts/browserConformance.mjs' },
  {
    label: 'wasm',
    dir: 'packages/backend-wasm',
    script: 'scripts/browserConformance.mjs',
    // Written by the package's build, which `pnpm test` runs first; only a bare test.mjs lacks it.
    needs: 'src/generated/kernels.ts',
    prepare: 'scripts/buildWasm.mjs',
  },
  {
    // The page end to end: builds it with Vite, serves dist/, trains, draws, checkpoints, switches
    // backends (wasm among them, hence the same `needs`), and writes apps/playground/out/playground.png.
    label: 'playground e2e',
    dir: 'apps/playground',
    script: 'scripts/e2e.mjs',
    needs: '../../packages/backend-wasm/src/generated/kernels.ts',
    prepare: '../../packages/backend-wasm/scripts/buildWasm.mjs',
  },
];

/**
 * gpu.js's headlessgl mode in Node: `gl` (headless-gl) cannot be in the workspace install (it
 * builds from source against the X11 headers, which the quick start must not need), so .ci/run
 * builds it in /tmp and gpu.js's `require('gl')` finds it through NODE_PATH; it needs a display.
 */
const HEADLESS_GL_SUITE = { label: 'gpujs headlessgl', dir: 'packages/backend-gpujs', script: 'scripts/headlessGlConformance.mjs' };
const DEFAULT_GL_PATH = '/tmp/mindts-gl/node_modules';

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

/** Why neither the browser nor the headless-gl suites run, or undefined. */
function suitesSkipReason(args, env) {
  if (env.MINDTS_SKIP_BROWSER === '1') return 'MINDTS_SKIP_BROWSER=1';
  if (args.length) return `a filtered run (${args.join(' ')}) is not every test`;
  return undefined;
}

/** Why the browser suites do not run, or undefined when they do. */
function browserSkipReason(args, env) {
  const skip = suitesSkipReason(args, env);
  if (skip) return skip;
  const chromium = findChromium(env);
  if (chromium.found) return undefined;
  if (env.CHROMIUM_PATH) return `chromium not found (CHROMIUM_PATH=${chromium.path} is not an executable file)`;
  return 'chromium not found (apt-get install chromium)';
}

function onPath(command, env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The node_modules folder that holds the built `gl`. */
function glPathOf(env) {
  return env.MINDTS_GL_PATH || DEFAULT_GL_PATH;
}

/** Why the headless-gl suite does not run, or undefined when it does. */
function headlessGlSkipReason(args, env) {
  const skip = suitesSkipReason(args, env);
  if (skip) return skip;
  const glPath = glPathOf(env);
  if (!existsSync(join(glPath, 'gl', 'package.json'))) {
    return env.MINDTS_GL_PATH ? `gl not found in MINDTS_GL_PATH=${glPath}` : 'gl not built (see .ci/run)';
  }
  if (!onPath('xvfb-run', env)) return 'xvfb-run not found (apt-get install xvfb xauth)';
  return undefined;
}

/** `env` with the built `gl` first on NODE_PATH, where gpu.js's CommonJS `require('gl')` looks. */
function withGl(env) {
  return { ...env, NODE_PATH: [glPathOf(env), env.NODE_PATH].filter(Boolean).join(delimiter) };
}

/**
 * Runs one suite, its script under `wrap` (a command prefix) with `env`; a missing or unreadable
 * report, or a failing exit with no failure in it, counts as one failure.
 */
function runSuite(suite, reportDir, { kind = 'browser', wrap = [], env = process.env } = {}) {
  const started = Date.now();
  const json = join(reportDir, `${suite.label.replace(/\W+/g, '-')}.json`);
  const node = (script, args = []) => {
    const [command, ...prefix] = [...wrap, process.execPath];
    return spawnSync(command, [...prefix, script, ...args], { cwd: suite.dir, stdio: 'inherit', env }).status;
  };
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
  console.log(`${kind} ${suite.label}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
  return counts;
}

// `pnpm test -- <filter>` passes the `--` on, and vitest would then ignore the filter.
const args = process.argv.slice(process.argv[2] === '--' ? 3 : 2);
const vitest = runVitest(args);
let suitesPassed = 0;
let suitesFailed = 0;
const reportDir = mkdtempSync(join(tmpdir(), 'mindts-suites-'));
try {
  const add = (r) => {
    suitesPassed += r.passed;
    suitesFailed += r.failed;
  };
  const skip = browserSkipReason(args, process.env);
  if (skip) console.log(`browser suites skipped: ${skip}`);
  else for (const suite of BROWSER_SUITES) add(runSuite(suite, reportDir));
  const glSkip = headlessGlSkipReason(args, process.env);
  if (glSkip) console.log(`headless-gl suite skipped: ${glSkip}`);
  else add(runSuite(HEADLESS_GL_SUITE, reportDir, { kind: 'headless-gl', wrap: ['xvfb-run', '-a'], env: withGl(process.env) }));
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
console.log(`${vitest.passed + suitesPassed} passed, ${vitest.failed + suitesFailed} failed`);
process.exit(vitest.ok && suitesFailed === 0 ? 0 : 1);
