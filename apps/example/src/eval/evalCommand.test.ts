import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrain } from '../train/trainCommand.js';
import { runEval } from './evalCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-eval-'));

async function run(command: typeof runEval, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(argv, {
    stdout: { isTTY: false, write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let trainedAccuracy = '';
beforeAll(async () => {
  const trained = await run(runTrain, ['--limit', '300', '--epochs', '1', '--batch-size', '50', '--backend', 'cpu', '--out', dir]);
  expect(trained.code).toBe(0);
  trainedAccuracy = /held-out accuracy ([\d.]+ %)$/m.exec(trained.stdout)?.[1] ?? 'missing';
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eval command', () => {
  it("evaluates train's checkpoint: the accuracy train reported, per digit, mistakes and drawn digits", async () => {
    const { code, stdout, stderr } = await run(runEval, ['--out', dir, '--backend', 'cpu', '--show', '2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`Evaluating the mlp in ${join(dir, 'mnist-mlp.ckpt')}, trained 1 epoch(s) on 2,000 held-out MNIST digits`);
    expect(lines[1]).toBe('Backend: cpu: the pure-TypeScript reference kernels');
    // The same weights on the same held-out digits: the accuracy train printed after its epoch.
    expect(lines[2]).toMatch(new RegExp(`^held-out accuracy ${trainedAccuracy.replace('.', '\\.')}, loss \\d\\.\\d{4} · [\\d,]+ img/s$`));
    expect(lines[3]).toMatch(/^per digit: 0 [\d.]+ % · 1 [\d.]+ % · .* · 9 [\d.]+ %$/);
    expect(lines[4]).toMatch(/^most frequent mistakes \(label → predicted\): \d → \d ×\d+/);
    expect(stdout.match(/^digit \d: label \d, predicted \d/gm)).toHaveLength(2);
    expect(stdout).toMatch(/[@%#]/);
  });

  it('evaluates a given checkpoint file on fewer digits, without drawing any', async () => {
    const { code, stdout } = await run(runEval, [
      '--checkpoint',
      join(dir, 'mnist-mlp.ckpt'),
      '--limit',
      '100',
      '--show',
      '0',
      '--backend',
      'cpu',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('on 100 held-out MNIST digits');
    expect(stdout).not.toContain('digit 1:');
  });

  it('says what is wrong with a missing or unfitting checkpoint and with bad flags', async () => {
    const missing = await run(runEval, ['--model', 'cnn', '--out', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `eval: no checkpoint at ${join(dir, 'mnist-cnn.ckpt')}; train one first: pnpm start -- train --model cnn\n`,
    );
    const wrongModel = await run(runEval, ['--model', 'cnn', '--checkpoint', join(dir, 'mnist-mlp.ckpt'), '--backend', 'cpu']);
    expect(wrongModel.code).toBe(2);
    expect(wrongModel.stderr).toMatch(/^eval: .*mnist-mlp\.ckpt does not hold a cnn model: missing features\.0\.weight, /);
    const garbage = join(dir, 'garbage.ckpt');
    writeFileSync(garbage, 'not a checkpoint');
    await expect(run(runEval, ['--checkpoint', garbage, '--backend', 'cpu'])).rejects.toThrow(/garbage\.ckpt/);
    const bad = await run(runEval, ['--show', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^eval: --show must be an integer ≥ 0, but got '-1'\.\n\nUsage: pnpm start -- eval/);
    const help = await run(runEval, ['-h']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('--checkpoint FILE');
  });
});
