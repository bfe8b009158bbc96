import { describe, expect, it } from 'vitest';
import { parseTrainArgs, TRAIN_DEFAULTS, TRAIN_HELP, UsageError } from './trainArgs.js';

describe('parseTrainArgs', () => {
  it('gives the defaults for no flags', () => {
    expect(parseTrainArgs([])).toEqual(TRAIN_DEFAULTS);
    expect(TRAIN_DEFAULTS).toMatchObject({ model: 'mlp', epochs: null, batchSize: 64, lr: null, limit: null, out: null });
  });

  it('reads every flag, as --flag value and --flag=value', () => {
    const args = parseTrainArgs([
      '--model',
      'cnn',
      '--backend=cpu',
      '--epochs=3',
      '--batch-size',
      '32',
      '--lr',
      '5e-4',
      '--limit=200',
      '--seed',
      '0',
      '--out',
      'runs/a=b',
      '--resume',
    ]);
    expect(args).toEqual({
      model: 'cnn',
      backend: 'cpu',
      epochs: 3,
      batchSize: 32,
      lr: 5e-4,
      limit: 200,
      seed: 0,
      out: 'runs/a=b',
      resume: true,
      jit: false,
      help: false,
    });
    expect(parseTrainArgs([]).resume).toBe(false);
    expect(parseTrainArgs(['--jit']).jit).toBe(true);
    expect(parseTrainArgs(['--backend', 'gpujs']).backend).toBe('gpujs');
    expect(() => parseTrainArgs(['--jit', '--jit'])).toThrow('--jit is given twice.');
    expect(() => parseTrainArgs(['--jit=yes'])).toThrow("Unknown option '--jit'.");
    expect(parseTrainArgs([]).backend).toBe('wasm');
    expect(() => parseTrainArgs(['--backend', 'gpu'])).toThrow("--backend must be one of wasm, cpu, gpujs, but got 'gpu'.");
  });

  it('recognises --help and -h anywhere', () => {
    expect(parseTrainArgs(['--epochs', '2', '--help']).help).toBe(true);
    expect(parseTrainArgs(['-h']).help).toBe(true);
    expect(TRAIN_HELP).toContain('--batch-size N');
    expect(TRAIN_HELP).toContain('(default 10 for mlp, 5 for cnn, 2 for gpt and lstm)');
  });

  it.each([
    [['--model', 'rnn'], "--model must be one of mlp, cnn, gpt, lstm, but got 'rnn'."],
    [['--epochs', '0'], "--epochs must be an integer ≥ 1, but got '0'."],
    [['--epochs', '1.5'], "--epochs must be an integer ≥ 1, but got '1.5'."],
    [['--batch-size', 'big'], "--batch-size must be an integer ≥ 1, but got 'big'."],
    [['--limit', '-5'], "--limit must be an integer ≥ 1, but got '-5'."],
    [['--seed', '-1'], "--seed must be an integer ≥ 0, but got '-1'."],
    [['--lr', '0'], "--lr must be a number > 0, but got '0'."],
    [['--lr', 'fast'], "--lr must be a number > 0, but got 'fast'."],
    [['--lr='], "--lr must be a number > 0, but got ''."],
    [['--epochs'], '--epochs needs a value.'],
    [['--epochs', '--lr', '1'], '--epochs needs a value.'],
    [['--epoch', '2'], "Unknown option '--epoch'."],
    [['cnn'], "Unexpected argument 'cnn': options are given as --name value."],
    [['--seed', '1', '--seed=2'], '--seed is given twice.'],
    [['--out='], '--out needs a folder, but got an empty string.'],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseTrainArgs(argv)).toThrow(UsageError);
    expect(() => parseTrainArgs(argv)).toThrow(message);
  });
});
