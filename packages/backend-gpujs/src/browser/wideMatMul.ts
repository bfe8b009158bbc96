/**
 * The `MatMul` kernels beyond the one-wide dot product against the CPU oracle, in a browser
 * page: on WebGPU four-wide (four output columns per thread, batches) and 2×2 blocks (two
 * matrices); on the GL modes packed (RGBA-packed operands, two matrices). Every k mod 4, n mod 4,
 * both transposes, broadcast batches, a product too large for one dispatch row, partial blocks.
 * Also checks which kernels ran: four-wide and chained exactly where the mode, ranks and sizes
 * allow, blocked (a kernel map) exactly where the packed chain has four render targets (WebGL2).
 */
import * as ops from '@mindts/ops';
import { uniform } from '@mindts/ops/testing';
import { setBackend, type Tensor } from '@mindts/tensor';
import type { GpujsMode } from '../index.js';
import { onModeBackend } from './onModeBackend.js';

async function values(backend: string, f: () => Tensor): Promise<Float32Array> {
  await setBackend(backend);
  const t = f();
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** [a shape, b shape, transposeA, transposeB] of each product checked. */
function cases(): [number[], number[], boolean, boolean][] {
  const out: [number[], number[], boolean, boolean][] = [];
  for (const k of [1, 3, 4, 7, 8, 13, 17]) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      for (const n of [8, 6]) {
        out.push([ta ? [2, 1, k, 5] : [2, 1, 5, k], tb ? [3, n, k] : [3, k, n], ta, tb]);
        out.push([ta ? [k, 5] : [5, k], tb ? [n + 1, k] : [k, n + 1], ta, tb]);
      }
    }
  }
  out.push([[300, 64], [64, 260], false, false]);
  // Blocked (WebGL2): rows and columns that leave partial 4×4 blocks, k past one texel row.
  out.push([[301, 37], [37, 259], false, false]);
  out.push([[37, 66], [259, 37], true, true]);
  // One row (padded to two block rows), one column, one k-texel.
  out.push([[1, 9], [9, 11], false, false]);
  out.push([[4, 3], [1, 3], false, true]);
  return out;
}

/**
 * Runs the products on `gpujs({ mode, cpuThreshold: 0 })` and the CPU backend; returns the
 * problems (empty when all agree within 1e-5 + 1e-5·|x| and the kernel kinds are as expected).
 * @example
 * const problems = await checkWideMatMul('webgpu');
 */
export function checkWideMatMul(mode: GpujsMode): Promise<string[]> {
  return onModeBackend(mode, 'wide', async (backend, name) => {
    const problems: string[] = [];
    for (const [aShape, bShape, ta, tb] of cases()) {
      const label = `a [${aShape}] × b [${bShape}] (transposeA ${ta}, transposeB ${tb})`;
      const f = () => ops.matmul(uniform(aShape, aShape.length + aShape.at(-1)!), uniform(bShape, 7), { transposeA: ta, transposeB: tb });
      const before = backend.explain().kernels;
      const mine = await values(name, f);
      const after = backend.explain().kernels;
      const oracle = await values('cpu', f);
      if (mine.length !== oracle.length) problems.push(`${label}: ${mine.length} values, expected ${oracle.length}`);
      const bad = [...mine].findIndex((v, i) => !(Math.abs(v - oracle[i]!) <= 1e-5 + 1e-5 * Math.abs(oracle[i]!)));
      if (bad >= 0) problems.push(`${label}: [${bad}] = ${mine[bad]}, expected ${oracle[bad]}`);
      const n = (tb ? bShape.at(-2) : bShape.at(-1)) as number;
      const m = (ta ? aShape.at(-1) : aShape.at(-2)) as number;
      const matrices = aShape.length === 2 && bShape.length === 2;
      // Each product compiles its own MatMul kernels (and upload kernels for new input sizes). On
      // WebGPU two matrices run as 2×2 blocks (four-wide) and a reorder (four-wide when 4 divides
      // m·n); batches as one kernel, four-wide when 4 divides n.
      const wide = !backend.wideKernels ? 0 : matrices ? 1 + ((m * n) % 4 === 0 ? 1 : 0) : n % 4 === 0 ? 1 : 0;
      if (after.wide - before.wide !== wide) problems.push(`${label}: ${after.wide - before.wide} four-wide kernels, expected ${wide}`);
      const packed = (backend.packedKernels || backend.wideKernels) && matrices;
      if (after.chains - before.chains !== (packed ? 1 : 0))
        problems.push(`${label}: ${packed ? 'not ' : ''}a chain, expected ${packed ? '' : 'not '}a chain`);
      // Packed with four render targets: the multiply is one kernel map writing 4×4 blocks.
      const blocked = packed && backend.renderTargets >= 4;
      if (after.maps - before.maps !== (blocked ? 1 : 0))
        problems.push(
          `${label}: ${blocked ? 'not ' : ''}blocked, expected ${blocked ? '' : 'not '}blocked (render targets: ${backend.renderTargets})`,
        );
    }
    if (mode === 'webgl2' && backend.renderTargets < 4)
      problems.push(`WebGL2 reports ${backend.renderTargets} draw buffers; every WebGL2 has at least 4`);
    return problems;
  });
}
