import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrain } from './trainCommand.js';
import { movingMean } from './trainingPlot.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-train-'));

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTrain(argv, {
    stdout: { isTTY, write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('train command', () => {
  it('trains end to end, reports each epoch and writes an SVG plot it names', async () => {
    const { code, stdout, stderr } = await run(['--limit', '200', '--epochs', '1', '--batch-size', '50', '--out', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    // The WebAssembly SIMD backend by default.
    expect(lines[0]).toBe('Training mlp on MNIST (backend wasm): Adam lr 0.001, batch 50, 1 epoch, seed 1');
    // Not a terminal: a plain progress line at the epoch's last step, then the epoch summary.
    expect(lines[1]).toMatch(/^epoch 1\/1 4\/4 loss \d\.\d{4} [\d,]+ img\/s$/);
    expect(lines[2]).toMatch(
      /^epoch 1\/1: train loss [\d.]+, train accuracy [\d.]+ % · held-out loss [\d.]+, held-out accuracy [\d.]+ % · [\d.]+ s$/,
    );
    expect(lines[3]).toMatch(/^200 training images, 2,000 held out · [\d.]+ s per epoch · held-out accuracy [\d.]+ %$/);
    const file = join(dir, 'mnist-mlp.svg');
    expect(lines[4]).toBe(`Plot of loss and accuracy: ${file}`);
    expect(lines[5]).toBe(`Checkpoint (MindSpore .ckpt, written after every epoch): ${join(dir, 'mnist-mlp.ckpt')}`);
    const svg = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const name of ['train loss (step)', 'held-out loss', 'train accuracy', 'held-out accuracy'])
      expect(svg).toContain(`data-name="${name}"`);
  });

  it('draws a bar in place on a terminal', async () => {
    const { code, stdout } = await run(['--limit', '128', '--epochs', '1', '--out', dir], true);
    expect(code).toBe(0);
    expect(stdout).toContain('\repoch 1/1 [############............] 1/2 loss');
    expect(stdout).toContain('\repoch 1/1 [########################] 2/2 loss');
  });

  it('prints its help, and a clear error with the help for a bad flag', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm start -- train [options]');
    const bad = await run(['--model', 'resnet']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^train: --model must be one of mlp, cnn, gpt, lstm, but got 'resnet'\.\n\nUsage:/);
    expect(existsSync(join(dir, 'mnist-cnn.svg'))).toBe(false);
    const noCheckpoint = await run(['--model', 'cnn', '--resume', '--out', dir]);
    expect(noCheckpoint.code).toBe(2);
    expect(noCheckpoint.stderr).toBe(
      `train: --resume needs a checkpoint, but ${join(dir, 'mnist-cnn.ckpt')} does not exist; run without --resume first.\n`,
    );
  });

  it('smooths step losses with a trailing mean', async () => {
    expect(
      movingMean(
        [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        2,
      ),
    ).toEqual([
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
  });
});
