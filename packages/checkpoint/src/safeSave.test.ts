import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from './errors.js';
import { writeFileAtomic } from './nodeFileIO.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { saveCheckpoint } from './saveCheckpoint.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const dir = () => mkdtempSync(join(tmpdir(), 'mindts-safesave-'));
const hex = () => randomBytes(12).toString('hex');
const temps = (d: string) => readdirSync(d).filter((n) => n.endsWith('.mindts-tmp'));
/** A pid that is certainly not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

/** A victim file outside the checkpoint folder, and a check that it never changes. */
function victim(): { path: string; intact(): void } {
  const path = join(dir(), 'victim.txt');
  const content = randomBytes(64);
  writeFileSync(path, content);
  return { path, intact: () => expect(readFileSync(path)).toEqual(content) };
}

describe('saves never follow a planted symlink', () => {
  it('symlinks at every predictable name, and at names the random part is forced onto', async () => {
    const v = victim();
    const d = dir();
    const target = join(d, 'net.ckpt');
    writeFileSync(target, 'old');
    const planted: string[] = [
      'net.ckpt.tmp',
      '.net.ckpt.tmp',
      `net.ckpt.${process.pid}.tmp`,
      ...Array.from({ length: 50 }, (_, i) => `net.ckpt.${process.pid}.${(Date.now() + i).toString(36)}.tmp`), // the old scheme
    ];
    const forced = Array.from({ length: 10 }, hex);
    planted.push(...forced.map((h) => `.net.ckpt.${process.pid}.${h}.mindts-tmp`));
    planted.push(...Array.from({ length: 200 }, () => `.net.ckpt.${process.pid}.${hex()}.mindts-tmp`));
    const dead = deadPid();
    planted.push(...Array.from({ length: 5 }, () => `.net.ckpt.${dead}.${hex()}.mindts-tmp`)); // links are never cleaned
    for (const name of planted) symlinkSync(v.path, join(d, name));
    const dangling = join(dir(), 'not-there');
    symlinkSync(dangling, join(d, `.net.ckpt.${process.pid}.${forced[0]}x.mindts-tmp`));
    let calls = 0;
    // The first 10 temporary names collide with symlinks: each is refused (O_EXCL) and another drawn.
    await writeFileAtomic(target, new TextEncoder().encode('new'), async () => forced[calls++] ?? hex());
    expect(calls).toBe(11);
    expect(readFileSync(target, 'utf8')).toBe('new');
    await saveCheckpoint([new Parameter(tensor([1, 2], 'float32'), 'w')], target);
    expect(Object.keys(await loadCheckpoint(target))).toEqual(['w']);
    v.intact();
    expect(existsSync(dangling)).toBe(false);
    for (const name of planted) {
      expect(lstatSync(join(d, name)).isSymbolicLink(), name).toBe(true); // links are never removed either
      expect(readlinkSync(join(d, name))).toBe(v.path);
    }
  });

  it('when every name drawn is taken, the save fails and changes nothing', async () => {
    const v = victim();
    const d = dir();
    const target = join(d, 'net.ckpt');
    writeFileSync(target, 'old');
    const h = hex();
    symlinkSync(v.path, join(d, `.net.ckpt.${process.pid}.${h}.mindts-tmp`));
    await expect(writeFileAtomic(target, new Uint8Array([1]), async () => h)).rejects.toThrow(
      /Cannot write the checkpoint file .*net.ckpt: EEXIST/,
    );
    expect(readFileSync(target, 'utf8')).toBe('old');
    v.intact();
  });

  it('a target that is a symlink is replaced, not written through', async () => {
    const v = victim();
    const d = dir();
    const target = join(d, 'net.ckpt');
    symlinkSync(v.path, target);
    await saveCheckpoint([new Parameter(tensor([5], 'float32'), 'w')], target);
    expect(lstatSync(target).isFile()).toBe(true);
    v.intact();
    expect(Object.keys(await loadCheckpoint(target))).toEqual(['w']);
  });
});

describe('stale temporary files', () => {
  it('are removed by the next save of the same path, and nothing else is', async () => {
    const d = dir();
    const target = join(d, 'net.ckpt');
    const dead = deadPid();
    const stale = [
      `.net.ckpt.${dead}.${hex()}.mindts-tmp`,
      `.net.ckpt.${process.pid}.${hex()}.mindts-tmp`,
      `.net.ckpt.${process.ppid}.${hex()}.mindts-tmp`,
    ];
    const kept = [
      `.net.ckpt.${process.ppid}.${hex()}.mindts-tmp`, // a live process's, recently written
      `.other.ckpt.${dead}.${hex()}.mindts-tmp`, // another target's
      `.net.ckpt.${dead}.${hex()}.mindts-tmp.bak`,
      `.net.ckpt.${dead}.XYZ.mindts-tmp`,
      `net.ckpt.${dead}.${hex()}.mindts-tmp`,
      `.net.ckpt.${dead}.${hex()}.mindts-tmpx`,
    ];
    for (const name of [...stale, ...kept]) writeFileSync(join(d, name), 'partial');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(join(d, stale[2] as string), hourAgo, hourAgo); // a live process's, unchanged for an hour
    const link = `.net.ckpt.${dead}.${hex()}.mindts-tmp`;
    const v = victim();
    symlinkSync(v.path, join(d, link));
    const folder = `.net.ckpt.${dead}.${hex()}.mindts-tmp`;
    mkdirSync(join(d, folder));
    await saveCheckpoint([new Parameter(tensor([1], 'float32'), 'w')], target);
    const left = readdirSync(d).sort();
    expect(left).toEqual([...kept, link, folder, 'net.ckpt'].sort());
    v.intact();
  });

  it('works for a long file name', async () => {
    const d = dir();
    const target = join(d, `${'n'.repeat(200)}.ckpt`);
    await saveCheckpoint([new Parameter(tensor([1], 'float32'), 'w')], target);
    expect(readdirSync(d)).toEqual([`${'n'.repeat(200)}.ckpt`]);
  });
});

describe('saves', () => {
  it('concurrent saves of one path each land whole and leave no temporary file', async () => {
    const d = dir();
    const target = join(d, 'net.ckpt');
    const params = [1, 2, 3, 4, 5].map((i) => new Parameter(tensor(new Array(1000).fill(i), 'float32'), 'w'));
    await Promise.all(params.map((p) => saveCheckpoint([p], target)));
    const w = (await loadCheckpoint(target)).w as Parameter;
    const v = w.dataSync();
    expect(v.every((x) => x === v[0])).toBe(true);
    expect(temps(d)).toEqual([]);
  });

  it('a folder that does not exist, or a target that is a folder, is a clear error and leaves nothing', async () => {
    const d = dir();
    const p = new Parameter(tensor([1], 'float32'), 'w');
    await expect(saveCheckpoint([p], join(d, 'missing', 'net.ckpt'))).rejects.toThrow(CheckpointError);
    mkdirSync(join(d, 'net.ckpt'));
    await expect(saveCheckpoint([p], join(d, 'net.ckpt'))).rejects.toThrow(/Cannot write the checkpoint file .*net.ckpt/);
    expect(temps(d)).toEqual([]);
    expect(lstatSync(join(d, 'net.ckpt')).isDirectory()).toBe(true);
  });
});
