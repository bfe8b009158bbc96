// Issue 19: `mindts` as a user outside this repository gets it. The umbrella and the packages it
// depends on are packed (built dist/, `pnpm test` builds first) and installed with plain npm into
// an empty project, offline from the tarballs and the npm cache; then the project runs the README
// example as an ES module, `require('mindts')` from CommonJS, typechecks a TypeScript file under
// nodenext, bundler and node10 resolution with no DOM lib, and bundles the umbrella for the browser with
// esbuild and Vite. When the install cannot happen (a cold npm cache offline, no npm), every test is skipped
// with the reason printed; MINDTS_CONSUMER_ONLINE=1 lets npm fill its cache from the registry.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { build as viteBuild, createLogger } from 'vite';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { REPO_ROOT, workspacePackages } from '../size/workspace.js';
import {
  type ConsumerInstall,
  dependencyClosure,
  FORBIDDEN_PACKAGES,
  formatInstall,
  InstallUnavailable,
  installScripts,
  MAX_INSTALL_BYTES,
  packAndInstall,
  unbuilt,
} from './consumer.js';

const FIXTURES = join(REPO_ROOT, 'tooling/bench/fixtures/consumer');
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const closure = dependencyClosure(workspacePackages(), 'mindts');

let root: string | undefined;
let install: ConsumerInstall | undefined;
let skipReason: string | undefined;

beforeAll(() => {
  skipReason = unbuilt(closure);
  if (skipReason) return;
  root = mkdtempSync(join(tmpdir(), 'mindts-consumer-'));
  const packDir = join(root, 'pack');
  const app = join(root, 'app');
  mkdirSync(packDir);
  mkdirSync(app);
  try {
    ({ install } = packAndInstall(closure, packDir, app, { online: process.env.MINDTS_CONSUMER_ONLINE === '1' }));
    console.log(formatInstall(install));
    for (const file of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, file), join(app, file));
  } catch (err) {
    if (!(err instanceof InstallUnavailable)) throw err;
    skipReason = err.message;
  }
  if (skipReason) console.log(`consumer tests skipped: ${skipReason}`);
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The installed project, or a skip (with the reason) when there is none. */
function app(ctx: TestContext): string {
  if (!install) ctx.skip(skipReason ?? 'no install');
  return (install as ConsumerInstall).dir;
}

function run(command: string, args: readonly string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return { status: r.status, stdout: r.stdout ?? '', output: r.error ? `${r.error.message}\n${output}` : output };
}

describe('npm install mindts in an empty project (packed from this workspace)', () => {
  it('installs the umbrella light: no gpu.js, webgpu or gl, no install script, at most 25 MB', (ctx) => {
    const dir = app(ctx);
    const { packages, bytes } = install as ConsumerInstall;
    expect(packages).toEqual(expect.arrayContaining(closure.map((p) => p.name)));
    expect(packages.filter((p) => FORBIDDEN_PACKAGES.includes(p))).toEqual([]);
    expect(installScripts(join(dir, 'node_modules'))).toEqual([]);
    expect(bytes, formatInstall(install as ConsumerInstall)).toBeLessThanOrEqual(MAX_INSTALL_BYTES);
  });

  it('runs the README example as an ES module: wasm backend, gpu.js skipped saying what to install, loss falls, file checkpoint', (ctx) => {
    const dir = app(ctx);
    const r = run(process.execPath, ['readme.mjs'], dir);
    expect(r.status, r.output).toBe(0);
    expect(r.stdout).toContain('[[1. 2.]\n [3. 4.]]'); // Tensor.print()
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
    expect(out.backend).toBe('wasm');
    expect(out.skipped).toEqual([{ backend: 'gpujs', reason: expect.stringContaining("the gpu.js backend needs the 'gpu.js' package") }]);
    expect(out.skipped[0].reason).toContain('npm install gpu.js');
    expect(out.sum).toEqual([3, 5, 7, 9]);
    expect(out.last).toBeLessThan(out.first / 10);
    expect(out.checkpoint).toEqual(['bias', 'weight']);
  });

  it("require('mindts') works from CommonJS", (ctx) => {
    const dir = app(ctx);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22))
      ctx.skip(`Node ${process.versions.node} cannot require() ES modules (engines: ^20.19.0 || >=22.12.0)`);
    const r = run(process.execPath, ['require.cjs'], dir);
    expect(r.status, r.output).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ tensor: 'function', y: [3] });
  });

  it.for<[string, Record<string, string>]>([
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
    // CommonJS output with TypeScript's oldest resolution: no `exports`, so `types` and `typesVersions`.
    ['node10', { module: 'commonjs', moduleResolution: 'node10' }],
  ])('typechecks a TypeScript consumer under %s resolution, lib es2022 (no DOM), skipLibCheck false', ([name, resolution], ctx) => {
    const dir = app(ctx);
    const compilerOptions = {
      ...resolution,
      target: 'es2022',
      lib: ['es2022'],
      types: [],
      strict: true,
      skipLibCheck: false,
      noEmit: true,
    };
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2));
    const r = run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], dir);
    expect(r.output.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it.for<[string, string]>([
    ['browser.mjs', "import { tensor, ops } from 'mindts'"],
    ['browserAll.mjs', "import * as ms from 'mindts'"],
  ])('bundles %s (%s) for the browser with esbuild: no plugin, no warning, no node: import', async ([entry], ctx) => {
    const dir = app(ctx);
    const result = await build({
      absWorkingDir: dir,
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.text)).toEqual([]);
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.filter((f) => f.includes('nodeFileIO'))).toEqual([]);
    // What the bundle still imports at run time: nothing for tensor and ops; for the whole
    // umbrella only gpu.js, an optional peer not installed here, imported when a gpu.js backend
    // is created (and bundled where it is installed).
    const imports = Object.values(result.metafile?.outputs ?? {}).flatMap((o) => o.imports);
    expect(imports.filter((i) => i.path.startsWith('node:'))).toEqual([]);
    expect([...new Set(imports.filter((i) => i.external).map((i) => `${i.kind} ${i.path}`))]).toEqual(
      entry === 'browser.mjs' ? [] : ['dynamic-import gpu.js'],
    );
    if (entry === 'browserAll.mjs') expect(inputs.some((f) => f.endsWith('checkpoint/dist/browserFileIO.js'))).toBe(true);
  });

  it('bundles the whole umbrella for the browser with Vite: no plugin, no warning, no node: import', async (ctx) => {
    const dir = app(ctx);
    const logged: string[] = [];
    const logger = createLogger('warn', { allowClearScreen: false });
    logger.warn = (msg) => logged.push(msg);
    logger.warnOnce = (msg) => logged.push(msg);
    logger.error = (msg) => logged.push(msg);
    const result = await viteBuild({
      configFile: false,
      envDir: false,
      root: dir,
      publicDir: false,
      customLogger: logger,
      build: {
        write: false,
        modulePreload: false,
        reportCompressedSize: false,
        rolldownOptions: {
          input: join(dir, 'browserAll.mjs'),
          preserveEntrySignatures: 'strict',
          onLog: (_level, log) => {
            logged.push(log.message);
          },
        },
      },
    });
    const chunks = (Array.isArray(result) ? result : [result])
      .flatMap((r) => ('output' in r ? r.output : []))
      .filter((o) => o.type === 'chunk');
    expect(logged).toEqual([]);
    expect(chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]).filter((i) => i.startsWith('node:'))).toEqual([]);
    expect(chunks.some((c) => Object.keys(c.modules).some((m) => m.endsWith('checkpoint/dist/browserFileIO.js')))).toBe(true);
    expect(chunks.some((c) => Object.keys(c.modules).some((m) => m.includes('nodeFileIO')))).toBe(false);
  });

  it('bundles the umbrella for Node with esbuild, where a path is a file again', async (ctx) => {
    const dir = app(ctx);
    const result = await build({
      absWorkingDir: dir,
      entryPoints: ['browserAll.mjs'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
      external: ['gpu.js'],
    });
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.metafile?.inputs ?? {}).some((f) => f.endsWith('checkpoint/dist/nodeFileIO.js'))).toBe(true);
  });
});
