import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { fill, listBackends, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './loadCheckpoint.js';
import { saveCheckpoint } from './saveCheckpoint.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = (pkg: string) => join(root, 'packages', pkg, 'dist', 'index.js');

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  // The child process runs the built JavaScript.
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'packages/checkpoint', 'packages/backend-cpu'], {
    cwd: root,
    stdio: 'inherit',
  });
}, 120_000);

/** A child that saves 8 MB checkpoints of all-`value` weights to `file`, over and over. */
function saver(file: string, value: number): ChildProcess {
  const script = join(mkdtempSync(join(tmpdir(), 'mindts-saver-')), 'saver.mjs');
  writeFileSync(
    script,
    `import { registerBackend, fill } from ${JSON.stringify(dist('tensor'))};
import { cpu } from ${JSON.stringify(dist('backend-cpu'))};
import { Parameter } from ${JSON.stringify(dist('parameter'))};
import { saveCheckpoint } from ${JSON.stringify(dist('checkpoint'))};
registerBackend(cpu());
const w = new Parameter(fill([2048, 1024], ${value}), 'w');
process.send('ready');
for (;;) await saveCheckpoint([w], ${JSON.stringify(file)});`,
  );
  return spawn(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** The temporary files of saves in `dir`. */
const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.mindts-tmp'));

describe('atomic save', () => {
  it('a process killed mid-save leaves the previous checkpoint intact, and the next save removes its temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mindts-kill-'));
    const file = join(dir, 'net.ckpt');
    let staleSeen = 0;
    for (let round = 0; round < 8; round++) {
      const child = saver(file, round + 1);
      await new Promise<void>((resolve) => child.once('message', () => resolve()));
      if (round % 2 === 0) {
        await new Promise((r) => setTimeout(r, 30 + ((round * 37) % 120)));
      } else {
        // Kill the moment a temporary file appears: mid-write, before the rename.
        await new Promise<void>((resolve) => {
          const watcher = watch(dir, (_, name) => {
            if (name?.endsWith('.mindts-tmp')) done();
          });
          const timer = setTimeout(() => done(), 5000);
          function done() {
            watcher.close();
            clearTimeout(timer);
            resolve();
          }
        });
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      staleSeen += temps(dir).length;
      if (existsSync(file)) {
        const dict = await loadCheckpoint(file);
        const w = dict.w as Parameter;
        const v = w.dataSync();
        // Whole: one version throughout, this round's or an earlier round's, never a mix or a torn file.
        expect(v.length).toBe(2048 * 1024);
        expect(v[0]).toBeGreaterThanOrEqual(1);
        expect(v[0]).toBeLessThanOrEqual(round + 1);
        expect(v.every((x) => x === v[0])).toBe(true);
        w.dispose();
      }
      // The next save of the path cleans what the killed one left.
      const w = new Parameter(fill([2048, 1024], round + 1), 'w');
      await saveCheckpoint([w], file);
      w.dispose();
      expect(temps(dir)).toEqual([]);
    }
    expect(existsSync(file)).toBe(true);
    // The kills on a temporary file's appearance did land mid-save (4 of 4 in practice), so the
    // cleanup above was exercised.
    expect(staleSeen, 'kills that left a temporary file').toBeGreaterThan(0);
  }, 180_000);
});
