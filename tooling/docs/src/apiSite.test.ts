/**
 * `pnpm run docs` builds: typedoc, with typedoc.json's validation and warnings as errors (a broken
 * `{@link}`, an undocumented export, a guide linking to a missing file), into a temporary folder;
 * the site has a page per published package and both guides.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publicEntryPoints, ROOT } from './publicApi.js';

const out = mkdtempSync(join(tmpdir(), 'mindts-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the API site (pnpm run docs)', () => {
  it('builds without a warning, with every package and both guides', () => {
    const typedoc = join(ROOT, 'node_modules', '.bin', 'typedoc');
    const run = spawnSync(typedoc, ['--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const { name } of publicEntryPoints()) expect(index, `the site's index lists ${name}`).toContain(name);
    for (const guide of ['mindspore', 'plugins']) expect(existsSync(join(out, 'documents', `${guide}.html`)), guide).toBe(true);
  }, 120_000);
});
