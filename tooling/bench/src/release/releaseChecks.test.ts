// What `pnpm publish -r` would upload: every published (non-private) package packed by pnpm, then
// checked with publint and Are the Types Wrong (the packages are ESM-only by design, so require()
// resolution is out of scope; TypeScript's node10 resolution is in, through `types` and
// `typesVersions`), and for stray files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, REPO_ROOT, type WorkspacePackage } from '../size/workspace.js';
import { attwTarball, publintTarball } from './lint.js';
import { type Packed, packPackages } from './pack.js';

const published = publishedPackages();
/** The biggest tarball today is @mindts/backend-wasm's, about 230 kB. */
const MAX_TARBALL_BYTES = 2 * 1024 * 1024;
/** Files that must never ship: tests, build info, local node_modules, device-check bundles. */
/** Where `require(esm)` works unflagged: Node 20.19+ and 22.12+ (21.x and 22.0–22.11 lack it). */
const NODE_ENGINES = '^20.19.0 || >=22.12.0';
/** A placeholder until the repository has its public home; the same in every package. */
const REPOSITORY = { type: 'git', url: 'git+https://github.com/mindts/mindts.git' };
const STRAY = [/(^|\/)node_modules\//, /\.test(-d)?\.(d\.)?[cm]?[jt]s(\.map)?$/, /\.tsbuildinfo$/, /^dist\/device\//];

describe('release checks of every published package (pnpm pack → publint, attw)', () => {
  let dir: string;
  const packed = new Map<string, Packed>();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mindts-pack-'));
    for (const p of packPackages(published, dir)) packed.set(p.name, p);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const get = (name: string) => packed.get(name) as Packed;

  it('packs every published package with its workspace: ranges replaced by versions', () => {
    expect([...packed.keys()].sort()).toEqual(published.map((p) => p.name).sort());
    expect(published.map((p) => p.name)).toContain('mindts');
  });

  describe.concurrent.each(published.map((p) => p.name))('%s', (name) => {
    it('ships only what users need, in a tarball of reasonable size', () => {
      const { files, bytes } = get(name);
      expect(files.filter((f) => STRAY.some((re) => re.test(f)))).toEqual([]);
      expect(files).toContain('package.json');
      expect(bytes, `${name}.tgz is ${bytes} bytes`).toBeLessThan(MAX_TARBALL_BYTES);
    });

    it('has a README, engines, repository and keywords', () => {
      expect(get(name).files).toContain('README.md');
      const { manifest, dir } = published.find((p) => p.name === name) as WorkspacePackage;
      expect((manifest.engines as { node?: string } | undefined)?.node, 'engines.node').toBe(NODE_ENGINES);
      expect(manifest.repository).toEqual({ ...REPOSITORY, directory: relative(REPO_ROOT, dir).split(sep).join('/') });
      expect(manifest.keywords).toEqual(expect.arrayContaining(['mindts', 'mindspore']));
    });

    it("has top-level main and types, and typesVersions for each subpath export (TypeScript's node10)", () => {
      const { manifest } = published.find((p) => p.name === name) as WorkspacePackage;
      const exports = manifest.exports as Record<string, { types?: string } | string>;
      expect(manifest.main).toBe('./dist/index.js');
      expect(manifest.types).toBe((exports['.'] as { types: string }).types);
      const subpaths = Object.entries(exports).flatMap(([k, v]) => (k === '.' || typeof v === 'string' ? [] : [[k.slice(2), [v.types]]]));
      expect((manifest.typesVersions as Record<string, unknown> | undefined)?.['*'] ?? {}).toEqual(Object.fromEntries(subpaths));
    });

    it('passes publint (strict: warnings are errors; suggestions listed too)', async () => {
      expect(await publintTarball(get(name))).toEqual([]);
    });

    it('passes Are the Types Wrong under node10, node16 (ESM) and bundler resolution', async () => {
      expect(await attwTarball(get(name))).toEqual([]);
    });
  });
});
