import { describe, expect, it } from 'vitest';
import { type BenchRow, formatBench, runBench } from './benchCommand.js';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBench(argv, {
    stdout: { isTTY: false, write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('bench command', () => {
  it('times the step on each backend asked for, eager and jitted, and prints the table', async () => {
    const { code, stdout, stderr } = await run(['--backends', 'cpu,wasm', '--steps', '2', '--batch-size', '16']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('One mlp training step (Adam), batch 16, median of 2 steps per backend and mode');
    const row = (name: string) =>
      new RegExp(`^\\| ${name} \\| (\\d+\\.\\d\\d) \\| (\\d+\\.\\d\\d) \\| [\\d.]+× \\| [\\d,]+ \\| [\\d.]+× \\|$`, 'm');
    expect(stdout).toMatch(row('cpu'));
    expect(stdout).toMatch(row('wasm'));
    expect(stdout).toMatch(/^\| cpu .* \| 1\.00× \|$/m);
    expect(stdout).toContain('cpu: the pure-TypeScript reference kernels');
    expect(stdout).toMatch(/^wasm: WebAssembly /m);
  });

  it('formats speedups and rates from the measured times', () => {
    const rows: BenchRow[] = [
      { backend: 'cpu', about: 'cpu: reference', eagerMs: 20, jitMs: 10 },
      { backend: 'wasm', about: 'wasm: simd', eagerMs: 5, jitMs: 2.5 },
    ];
    expect(formatBench(rows, 64).split('\n').slice(2, 4)).toEqual([
      '| cpu | 20.00 | 10.00 | 2.00× | 6,400 | 1.00× |',
      '| wasm | 5.00 | 2.50 | 2.00× | 25,600 | 4.00× |',
    ]);
  });

  it('rejects bad flags with the help', async () => {
    const bad = await run(['--backends', 'tpu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^bench: --backends must be a comma-separated list of wasm, cpu, gpujs, but got 'tpu'\.\n\nUsage: pnpm start -- bench/,
    );
  });
});
