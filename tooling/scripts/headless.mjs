// What the headless-Chromium scripts share: bundling a harness with Vite into one minified IIFE
// (as an application would ship the code) and opening it in Debian's Chromium on
// http://localhost/ (routed, no server; WebGPU needs a secure context). Callers pass their own
// `vite` build function and playwright-core `chromium`, which are their packages' dependencies.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Flags every run needs; `gpu` adds SwiftShader's WebGL2/WebGPU. */
const BASE_FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const GPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

/**
 * Bundles `entry` (relative to `root`) as a minified IIFE exposing `globalThis[name]`.
 * @returns {Promise<string>} the bundled code
 */
export async function bundleIife(build, { root, entry, name, alias = {} }) {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { conditions: ['@mindts/source', 'browser', 'import', 'module', 'default'], alias },
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name, fileName: name } },
  });
  return (Array.isArray(output) ? output[0] : output).output[0].code;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to run: CHROMIUM_PATH when set (and only it), else /usr/bin/chromium, else
 * `chromium` on PATH. When none is an executable file, `found` is false and `path` names the
 * first one looked for, so callers can skip or fail saying what is missing.
 * @returns {{ path: string, found: boolean }}
 */
export function findChromium(env = process.env) {
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'chromium'));
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', ...onPath];
  const path = candidates.find(isExecutable);
  return { path: path ?? candidates[0], found: path !== undefined };
}

/** Launches the Chromium `findChromium` picks with the flags these runs need. */
export function launchChromium(chromium, { gpu = false } = {}) {
  return chromium.launch({
    executablePath: findChromium().path,
    args: [...BASE_FLAGS, ...(gpu ? GPU_FLAGS : [])],
  });
}

/** The headers that make a page cross-origin isolated (`SharedArrayBuffer`, threads in wasm). */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * A new page at http://localhost/ running `bundle`; page errors are printed with `label`.
 * `crossOriginIsolated: true` serves it with COOP/COEP headers, so it has `SharedArrayBuffer`.
 */
export async function openBundlePage(browser, bundle, label, { crossOriginIsolated = false } = {}) {
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error(`[${label}] page error: ${err.message}`));
  await page.route('http://localhost/', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      ...(crossOriginIsolated ? { headers: ISOLATION_HEADERS } : {}),
      body: `<!doctype html><html><head><meta charset="utf-8"></head><body><script>${bundle.replaceAll('</script', '<\\/script')}</script></body></html>`,
    }),
  );
  await page.goto('http://localhost/');
  return page;
}
