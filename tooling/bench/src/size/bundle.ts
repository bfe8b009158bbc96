/**
 * Bundles a small app for the browser with Vite (Rolldown, Oxc minifier) the way a user's app is
 * bundled: workspace packages from their built `dist/` (the `default` export condition, what npm
 * users get), third-party dependencies from `node_modules`, tree-shaken under `sideEffects: false`.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { exportedFile, REPO_ROOT, type WorkspacePackage, workspacePackages } from './workspace.js';

/**
 * One output file of a bundle.
 * @example
 * const file: BundleFile = { name: 'assets/app.js', bytes: 41230, gzip: 12011 };
 */
export interface BundleFile {
  name: string;
  /** Bytes as written (minified unless asked otherwise). */
  bytes: number;
  /** Bytes after gzip -9 (node:zlib). */
  gzip: number;
}

/**
 * A bundle: its files and, for searching, all of its JavaScript.
 * @example
 * const { code, gzip } = await bundleApp("export * from '@mindts/tensor';");
 */
export interface Bundle {
  files: BundleFile[];
  /** Every JavaScript chunk, concatenated. */
  code: string;
  bytes: number;
  gzip: number;
}

const APP_ID = 'mindts-size-app';
const APP = `\0${APP_ID}`;

/** `@scope/name/sub` → ['@scope/name', './sub']. */
function splitSpecifier(id: string): [string, string] {
  const parts = id.split('/');
  const n = id.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return [parts.slice(0, n).join('/'), rest ? `./${rest}` : '.'];
}

/** The app as a virtual entry; its imports of workspace packages resolve to their built files. */
function appEntry(source: string, packages: readonly WorkspacePackage[]): Plugin {
  const byName = new Map(packages.map((p) => [p.name, p]));
  return {
    name: 'mindts:size-app',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === APP_ID) return APP;
      if (importer !== APP) return null; // packages import each other through node_modules, as for users
      const [name, subpath] = splitSpecifier(id);
      const pkg = byName.get(name);
      if (!pkg) return null;
      const file = exportedFile(pkg, subpath);
      if (!existsSync(file))
        throw new Error(`bundleApp: ${file} (${id}) does not exist; build the workspace first (pnpm build, or npx tsc -b).`);
      return file;
    },
    load(id) {
      return id === APP ? source : null;
    },
  };
}

const gzipSize = (data: string | Uint8Array) => gzipSync(data, { level: 9 }).byteLength;

/**
 * Bundles `source` (an ES module importing workspace packages by name) for the browser, minified
 * unless `minify` is false; the entry's exports are kept, as a library's are.
 * @example
 * const bundle = await bundleApp("import { tensor } from '@mindts/tensor'; export const t = () => tensor([1]);");
 * bundle.code.includes('Cell'); // false
 */
export async function bundleApp(
  source: string,
  options: { minify?: boolean; packages?: readonly WorkspacePackage[] } = {},
): Promise<Bundle> {
  if (typeof source !== 'string' || source.trim() === '')
    throw new TypeError(`bundleApp: source must be module code, but got ${JSON.stringify(source)}.`);
  const result = await build({
    configFile: false,
    envFile: false,
    root: REPO_ROOT,
    publicDir: false,
    logLevel: 'silent',
    plugins: [appEntry(source, options.packages ?? workspacePackages())],
    build: {
      write: false,
      minify: options.minify ?? true,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: { input: APP_ID, preserveEntrySignatures: 'strict' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const files: BundleFile[] = [];
  let code = '';
  for (const out of outputs) {
    const data = out.type === 'chunk' ? out.code : out.source;
    if (out.type === 'chunk') code += `${out.code}\n`;
    files.push({ name: out.fileName, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, gzip: gzipSize(data) });
  }
  return { files, code, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}
