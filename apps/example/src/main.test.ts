import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built app as `pnpm start` runs it (`pnpm test` builds it first).
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function start(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pnpm start', () => {
  it('is built', () => {
    expect(existsSync(MAIN), `${MAIN} is missing: run pnpm build`).toBe(true);
  });

  it('lists every command in its help, and each command has its own', () => {
    const help = start('--help');
    expect(help.code).toBe(0);
    for (const command of ['walkthrough', 'tutorial', 'tensors', 'train', 'sample', 'eval', 'export', 'bench'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const command of ['train', 'sample', 'eval', 'export', 'bench']) {
      const own = start(command, '--help');
      expect(own.code, own.stderr).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage: pnpm start -- ${command} \\[options\\]`));
    }
    const tutorial = start('tutorial', '-h');
    expect(tutorial).toMatchObject({ code: 0, stderr: '' });
    expect(tutorial.stdout).toContain('It takes no options.');
  });

  it('takes the arguments after the `--` that `pnpm start -- <command>` passes on', () => {
    const help = start('--', 'eval', '--help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pnpm start -- eval \[options\]/);
    const tutorial = start('--', 'tutorial', '-h');
    expect(tutorial.stdout).toContain('It takes no options.');
  });

  it('refuses an unknown command or stray arguments with the help', () => {
    const unknown = start('trian');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command 'trian'\.\n\nUsage: pnpm start/);
    const stray = start('tensors', '--fast');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/^tensors takes no arguments, but got: --fast\n\nUsage: pnpm start/);
    const badFlag = start('bench', '--steps', '0');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/^bench: --steps must be an integer ≥ 1, but got '0'\./);
  });
});
