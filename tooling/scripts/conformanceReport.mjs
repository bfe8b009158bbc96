// What a browser conformance script hands to tooling/scripts/test.mjs. Each conformance case run
// in a mode counts as one test; so does each extra check (WebGL context loss). Anything that stops
// a run before its cases report (bundling, launching Chromium, a page crash, the wrong mode)
// counts as one failed test, so a broken run can never read as a passing one.
import { writeFileSync } from 'node:fs';

/**
 * Splits `--json <file>` off a script's arguments.
 * @param {string[]} args
 * @returns {{ jsonPath: string | undefined, rest: string[] }}
 */
export function takeJsonFlag(args) {
  const i = args.indexOf('--json');
  if (i === -1) return { jsonPath: undefined, rest: args };
  const jsonPath = args[i + 1];
  if (!jsonPath || jsonPath.startsWith('--')) throw new Error('--json needs a file path: --json <file>');
  return { jsonPath, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

/** Counts of one script's run; `write` saves `{ passed, failed, failures: [{ name, problems }] }`. */
export class ConformanceReport {
  passed = 0;
  /** @type {{ name: string, problems: string[] }[]} */
  failures = [];

  get failed() {
    return this.failures.length;
  }

  /** Adds `count` passing tests (the harnesses report passing cases as a count). */
  pass(count = 1) {
    this.passed += count;
  }

  fail(name, problems) {
    this.failures.push({ name, problems });
  }

  /** Writes the JSON to `path` when one was given (`--json`). */
  write(path) {
    if (path) writeFileSync(path, `${JSON.stringify({ passed: this.passed, failed: this.failed, failures: this.failures }, null, 2)}\n`);
  }
}

/** The message of anything thrown. */
export function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The shared end of a browser conformance script: bundles `src/browser/harness.ts` of the package
 * at `root` (vitest aliased to `vitestStub`), launches Chromium, calls `run(browser, bundle)`,
 * records a failure to get that far, writes the report (`--json`) and exits with its status.
 * `build` (vite) and `chromium` (playwright-core) come from the calling package.
 * @param {{ build: unknown, chromium: unknown, root: string, vitestStub: string, gpu?: boolean,
 *   report: ConformanceReport, jsonPath: string | undefined, run: (browser: any, bundle: string) => Promise<void> }} options
 */
export async function runConformanceScript({ build, chromium, root, vitestStub, gpu = false, report, jsonPath, run }) {
  const { bundleIife, launchChromium } = await import('./headless.mjs');
  try {
    const bundle = await bundleIife(build, {
      root,
      entry: 'src/browser/harness.ts',
      name: 'mindtsConformance',
      alias: { vitest: vitestStub },
    });
    const browser = await launchChromium(chromium, { gpu });
    try {
      await run(browser, bundle);
    } finally {
      await browser.close();
    }
  } catch (err) {
    console.log(`browser conformance could not run: ${messageOf(err)}`);
    report.fail('could not run', [messageOf(err)]);
  }
  report.write(jsonPath);
  console.log(report.failed === 0 ? 'browser conformance: all passed' : `browser conformance: ${report.failed} failure(s)`);
  process.exit(report.failed === 0 ? 0 : 1);
}
