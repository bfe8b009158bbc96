import { describe, expect, it } from 'vitest';
import { formatProgress, Progress, type StepInfo } from './progress.js';

const recorder = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 200, write: (t: string) => chunks.push(t) } };
};
const step = (n: number, steps = 10): StepInfo => ({ epoch: 1, epochs: 2, step: n, steps, loss: 1 / n, imagesPerSecond: 12345.6 });

describe('Progress', () => {
  it('formats epoch, step/total, loss and throughput', () => {
    expect(formatProgress(step(5), true)).toBe('epoch 1/2 [############............]  5/10 loss 0.2000 12,346 img/s');
    expect(formatProgress(step(10), false)).toBe('epoch 1/2 10/10 loss 0.1000 12,346 img/s');
  });

  it('on a terminal, redraws one line in place and ends it before the next line', () => {
    const { chunks, stream } = recorder(true);
    const p = new Progress(stream, 3);
    for (let i = 1; i <= 10; i++) p.step(step(i));
    p.line('epoch 1: test accuracy 90.00 %');
    expect(chunks).toHaveLength(12);
    expect(chunks.slice(0, 10).every((c) => c.startsWith('\r') && !c.includes('\n'))).toBe(true);
    expect(chunks.slice(10)).toEqual(['\n', 'epoch 1: test accuracy 90.00 %\n']);
  });

  it('elsewhere, prints a plain line every N steps and at the end of the epoch', () => {
    const { chunks, stream } = recorder(false);
    const p = new Progress(stream, 4);
    for (let i = 1; i <= 10; i++) p.step(step(i));
    p.line('done');
    expect(chunks.join('')).toBe(
      [
        'epoch 1/2  4/10 loss 0.2500 12,346 img/s',
        'epoch 1/2  8/10 loss 0.1250 12,346 img/s',
        'epoch 1/2 10/10 loss 0.1000 12,346 img/s',
        'done',
        '',
      ].join('\n'),
    );
    expect(chunks.join('')).not.toContain('\r');
    expect(chunks.join('')).not.toContain('\u001b');
  });
});
