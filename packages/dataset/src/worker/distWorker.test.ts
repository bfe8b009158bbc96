import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as config from '../config.js';
import { NumpySlicesDataset } from '../sources/numpySlicesDataset.js';
import { Rescale } from '../transforms/rescale.js';

// The built package, as a user's Node runs it: its worker module must resolve from dist/.
const dist = new URL('../../dist/index.js', import.meta.url);

/** The same pipeline in the test and in the child process. */
const PIPELINE = `
  config.setSeed(11);
  const ds = new NumpySlicesDataset({ x: Uint8Array.from({ length: 30 }, (_, i) => (i * 53) % 256), y: Int32Array.from({ length: 30 }, (_, i) => i) })
    .map(new Rescale(1 / 255, 0), 'x')
    .shuffle(10)
    .batch(7);`;

describe('the built package', () => {
  // `pnpm test` builds first; a bare `vitest run` on a fresh clone has no dist/ to run.
  it.skipIf(!existsSync(fileURLToPath(dist)))(
    'runs its worker from dist with node, with the main thread’s batches',
    { timeout: 30_000 },
    () => {
      const script = `
      import { NumpySlicesDataset, config, transforms } from ${JSON.stringify(dist.href)};
      const { Rescale } = transforms;
      ${PIPELINE}
      const it = ds.createTupleIterator({ numEpochs: 1, outputNumpy: true, numParallelWorkers: 1 });
      const rows = Array.from(it, (row) => row.map((h) => Array.from(h.data)));
      console.log(JSON.stringify({ worker: it.explain().worker, rows }));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 25_000 });
      const { worker, rows } = JSON.parse(out) as { worker: boolean; rows: number[][][] };
      // The same pipeline text as the child's, run here on the main thread.
      const ds = new Function('config', 'NumpySlicesDataset', 'Rescale', `${PIPELINE} return ds;`)(config, NumpySlicesDataset, Rescale);
      const main = Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }), (row: { data: ArrayLike<number> }[]) =>
        row.map((h) => Array.from(h.data)),
      );
      expect(worker).toBe(true);
      expect(rows).toEqual(main);
      expect(rows).toHaveLength(5);
    },
  );
});
