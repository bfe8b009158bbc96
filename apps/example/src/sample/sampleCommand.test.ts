import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrain } from '../train/trainCommand.js';
import { markWord } from './markWord.js';
import { runSample } from './sampleCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-sample-'));

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    streams: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('train --model gpt, then sample', () => {
  it('trains on English words against the bigram, then samples marked words with their shares', async () => {
    const train = recorder();
    expect(await runTrain(['--model', 'gpt', '--limit', '128', '--epochs', '1', '--out', dir], train.streams)).toBe(0);
    expect(train.stderr()).toBe('');
    const lines = train.stdout().trim().split('\n');
    expect(lines[0]).toBe('Training gpt on English words (backend wasm): AdamW lr 0.003 (warm-up, cosine), batch 64, 1 epoch, seed 1');
    expect(lines[1]).toMatch(/^epoch 1\/1 2\/2 loss \d\.\d{4} [\d,]+ char\/s$/);
    expect(lines[2]).toMatch(
      /^epoch 1\/1: train \d\.\d{4} nats \(\d\.\d{3} bits\/char\) · held-out \d\.\d{4} nats \(\d\.\d{3} bits\/char\), next-character accuracy [\d.]+ % · bigram \d\.\d{4} nats \(\d\.\d{3} bits\/char\) · [\d.]+ s$/,
    );
    expect(lines[3]).toMatch(
      /^128 training words, 2,000 held out · [\d.]+ s per epoch · held-out [\d.]+ nats \([\d.]+ bits\/char\) vs bigram [\d.]+ nats \([\d.]+ bits\/char\): [\d.]+ % (lower|higher)$/,
    );
    expect(lines[4]).toBe(`Plot of loss and accuracy: ${join(dir, 'words-gpt.svg')}`);
    expect(lines[5]).toBe(`Checkpoint (MindSpore .ckpt, written after every epoch): ${join(dir, 'words-gpt.ckpt')}`);
    expect(lines[6]).toBe(`Sample words from it: pnpm start -- sample --model gpt --out ${dir}`);
    const svg = readFileSync(join(dir, 'words-gpt.svg'), 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const name of ['train loss (step)', 'held-out loss', 'bigram held-out loss', 'held-out accuracy']) {
      expect(svg).toContain(`data-name="${name}"`);
    }

    const sample = recorder();
    const argv = [
      '--count',
      '6',
      '--seed',
      '3',
      '--top-k',
      '5',
      '--temperature',
      '0.8',
      '--prefix',
      're',
      '--backend',
      'cpu',
      '--out',
      dir,
    ];
    expect(await runSample(argv, sample.streams)).toBe(0);
    expect(sample.stderr()).toBe('');
    const out = sample.stdout().trim().split('\n');
    expect(out[0]).toBe(
      `Sampling 6 words from the gpt in ${join(dir, 'words-gpt.ckpt')}, trained 1 epoch(s) (temperature 0.8, top-k 5, seed 3, prefix 're')`,
    );
    const rows = out.slice(1, 7);
    for (const row of rows) expect(row).toMatch(/^\d\. re[a-z]* +(real, held out|real|new)$/);
    const real = rows.filter((r) => !r.endsWith('new')).length;
    expect(out[7]).toMatch(
      new RegExp(
        `^${real} of 6 real English words \\([\\d.]+ %; \\d of them held out of training\\), ${6 - real} new \\([\\d.]+ %\\) · [\\d.]+ s, one position per character$`,
      ),
    );
    // The same seed gives the same words, and re-encoding each context gives them too.
    const again = recorder();
    await runSample([...argv, '--no-cache'], again.streams);
    const uncached = again.stdout().split('\n');
    expect(uncached.slice(1, 7)).toEqual(out.slice(1, 7));
    expect(uncached[7]).toMatch(/, re-encoding the context$/);
  }, 120_000);

  it('refuses a missing checkpoint, a bad prefix and bad flags, with the reason', async () => {
    const r = recorder();
    expect(await runSample(['--model', 'lstm', '--out', dir], r.streams)).toBe(2);
    expect(r.stderr()).toBe(
      `sample: no checkpoint at ${join(dir, 'words-lstm.ckpt')}; train one first: pnpm start -- train --model lstm\n`,
    );
    const p = recorder();
    expect(await runSample(['--prefix', 'Re', '--out', dir], p.streams)).toBe(2);
    expect(p.stderr()).toBe("sample: --prefix must hold only the letters a–z, but got 'Re'.\n");
    const k = recorder();
    expect(await runSample(['--top-k', '0'], k.streams)).toBe(2);
    expect(k.stderr()).toMatch(/^sample: --top-k must be an integer ≥ 1, but got '0'\.\n\nUsage: pnpm start -- sample/);
  });

  it('marks real, held-out and new words', () => {
    const english = new Set(['cat', 'cats']);
    const held = new Set(['cats']);
    expect(['cat', 'cats', 'catz'].map((w) => markWord(w, english, held))).toEqual(['real', 'real, held out', 'new']);
  });
});
