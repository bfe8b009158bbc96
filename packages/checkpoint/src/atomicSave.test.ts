import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpu } from '@mindts/backend-cpu';
import type { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './loadCheckpoint.js';

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

describe('atomic save', () => {
  it('a process killed mid-save leaves the previous checkpoint intact', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mindts-kill-')), 'net.ckpt');
    for (let round = 0; round < 6; round++) {
      const child = saver(file, round + 1);
      await new Promise<void>((resolve) => child.once('message', () => resolve()));
      await new Promise((r) => setTimeout(r, 30 + ((round * 37) % 120)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      if (!existsSync(file)) continue; // killed before the first save finished
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
    expect(existsSync(file)).toBe(true);
  }, 120_000);
});
