import { describe, expect, it } from 'vitest';
import { type FlagSpecs, parseFlags, UsageError } from './flags.js';

const SPECS: FlagSpecs = {
  '--backends': { key: 'backends', type: 'list', values: ['wasm', 'cpu', 'gpujs'] },
  '--model': { key: 'model', type: 'choice', values: ['mlp', 'cnn'] },
  '--steps': { key: 'steps', type: 'integer', min: 1 },
  '--lr': { key: 'lr', type: 'positive' },
  '--checkpoint': { key: 'checkpoint', type: 'path', what: 'a file' },
  '--jit': { key: 'jit', type: 'switch' },
};

describe('parseFlags', () => {
  it('reads each kind of flag, as --flag value and --flag=value, and leaves out what is not given', () => {
    expect(parseFlags(['--backends', 'cpu, wasm,cpu', '--steps=3', '--lr', '1e-2', '--checkpoint=a=b.ckpt', '--jit'], SPECS)).toEqual({
      values: { backends: ['cpu', 'wasm'], steps: 3, lr: 0.01, checkpoint: 'a=b.ckpt', jit: true },
      help: false,
    });
    expect(parseFlags([], SPECS)).toEqual({ values: {}, help: false });
    expect(parseFlags(['--model', 'cnn', '-h'], SPECS)).toEqual({ values: { model: 'cnn' }, help: true });
  });

  it.each([
    [['--backends', 'gpu'], "--backends must be a comma-separated list of wasm, cpu, gpujs, but got 'gpu'."],
    [['--backends='], "--backends must be a comma-separated list of wasm, cpu, gpujs, but got ''."],
    [['--checkpoint='], '--checkpoint needs a file, but got an empty string.'],
    [['--jit=no'], "Unknown option '--jit'."],
    [['--jit', '--jit'], '--jit is given twice.'],
    [['--steps', '--jit'], '--steps needs a value.'],
    [['--toString', '1'], "Unknown option '--toString'."],
    [['cnn'], "Unexpected argument 'cnn': options are given as --name value."],
    [['-steps', '2'], "Unknown option '-steps'."],
    [['--help=yes'], "Unknown option '--help'."],
    [['--', '--jit'], "Unknown option '--'."],
    [['--jit', 'x=1'], "Unexpected argument 'x=1': options are given as --name value."],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseFlags(argv, SPECS)).toThrow(UsageError);
    expect(() => parseFlags(argv, SPECS)).toThrow(message);
  });
});
