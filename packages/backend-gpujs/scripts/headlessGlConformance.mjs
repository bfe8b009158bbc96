// Runs the conformance suite on gpu.js's `headlessgl` mode in Node, eager and jitted: headless-gl
// (the optional `gl` package, built from source outside the workspace by .ci/run, since it needs
// the X11 headers) under Xvfb. Uses the built packages: run `pnpm build` first.
// Usage: NODE_PATH=/tmp/mindts-gl/node_modules xvfb-run -a node scripts/headlessGlConformance.mjs [--json <file>]
// `--json <file>` also writes the counts for tooling/scripts/test.mjs (the root `pnpm test`). Each
// case counts as one test per variant; a run that is not in headlessgl counts as one failure.
import { ConformanceReport, messageOf, takeJsonFlag } from '../../../tooling/scripts/conformanceReport.mjs';
import { glProblem, runConformance, runJitConformance } from './headlessGlHarness.mjs';

const { jsonPath } = takeJsonFlag(process.argv.slice(2));
const report = new ConformanceReport();

/**
 * Prints `explain()`'s summary (mode, kernel cache, every fallback with its reason). A kernel
 * gpu.js itself swapped for its JS one (`to: 'gpu.js cpu'`), or could not build, did not run on
 * headless-gl: a failure.
 */
function printExplanation(tag, r) {
  console.log(r.summary.replace(/^/gm, `[${tag}]   `));
  const swapped = r.fallbacks.filter((f) => f.to === 'gpu.js cpu');
  if (swapped.length) {
    const problems = swapped.map((f) => `${f.primitive} ×${f.count}: ${f.reason}`);
    console.log(`[${tag}] FAIL gpu.js ran kernels on its JS fallback:\n${problems.map((p) => `    ${p}`).join('\n')}`);
    report.fail(`${tag}: gpu.js JS fallback`, problems);
  }
  // A kernel gpu.js could not compile or build ran on the CPU backend: right values, wrong mode.
  const unbuilt = r.fallbacks.filter((f) => f.reason.startsWith('gpu.js could not'));
  if (unbuilt.length) {
    const problems = unbuilt.map((f) => `${f.primitive} ×${f.count}: ${f.reason}`);
    console.log(`[${tag}] FAIL kernels gpu.js could not build ran on the CPU backend:\n${problems.map((p) => `    ${p}`).join('\n')}`);
    report.fail(`${tag}: kernels not built`, problems);
  }
}

/** Records `r`'s failures, and its passes only when it ran in headlessgl. */
function record(tag, r) {
  for (const f of r.failed) {
    console.log(`[${tag}] FAIL ${f.name}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
    report.fail(`${tag}: ${f.name}`, f.problems);
  }
  // Cases that passed in another mode say nothing about this one.
  if (r.mode === 'headlessgl') report.pass(r.passed);
  else {
    console.log(`[${tag}] FAIL ran in ${r.mode} instead: ${r.modeReason}`);
    report.fail(`${tag}: mode`, [`ran in ${r.mode} instead: ${r.modeReason}`]);
  }
}

async function run() {
  const problem = glProblem();
  if (problem) throw new Error(problem);
  const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
  let started = Date.now();
  const eager = await runConformance();
  console.log(`[headlessgl] ${eager.passed} passed, ${eager.failed.length} failed in ${seconds(started)} s`);
  printExplanation('headlessgl', eager);
  record('headlessgl', eager);

  started = Date.now();
  const jitted = await runJitConformance();
  console.log(`[headlessgl jit] ${jitted.passed} passed, ${jitted.failed.length} failed in ${seconds(started)} s`);
  const fell = jitted.fallbacks.filter((f) => f.primitive === 'Fused').reduce((n, f) => n + f.count, 0);
  console.log(
    `[headlessgl jit] fused programs: ${jitted.fusedGroups} in the replayed graphs, ${jitted.declined} declined by the backend, ${fell} ran op by op`,
  );
  if (jitted.fellBackCases.length) console.log(`[headlessgl jit]   in: ${jitted.fellBackCases.join(' · ')}`);
  printExplanation('headlessgl jit', jitted);
  record('headlessgl jit', jitted);
}

try {
  await run();
} catch (err) {
  console.log(`headless-gl conformance could not run: ${messageOf(err)}`);
  report.fail('headlessgl: could not run', [messageOf(err)]);
}
report.write(jsonPath);
console.log(report.failed === 0 ? 'headless-gl conformance: all passed' : `headless-gl conformance: ${report.failed} failure(s)`);
process.exit(report.failed === 0 ? 0 : 1);
