// DESIGN §1: an app that imports only @mindts/tensor and @mindts/ops gets no Cell, jit or gpu.js
// code. The apps are bundled from the built dist/ (what npm users get; `pnpm test` builds first)
// and searched for strings that survive minification: error messages unique to each package.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleApp } from './bundle.js';

/** Strings only each package's code contains (checked by the control bundle below). */
const MARKERS: Record<string, string> = {
  '@mindts/cell': "For 'Cell', the argument",
  '@mindts/jit': 'jit: expected a function, or an options object',
  '@mindts/backend-gpujs': 'gpujs: cannot upload a tensor to the device',
  'gpu.js': 'gpu.js/wiki/Encoder-details',
  '@mindts/tensor': 'registerBackend(factory) expects',
  '@mindts/ops': 'matmul: transposeA and transposeB must be booleans',
};
const EXCLUDED = ['@mindts/cell', '@mindts/jit', '@mindts/backend-gpujs', 'gpu.js'];
const INCLUDED = ['@mindts/tensor', '@mindts/ops'];

/** Which of `names` have their marker in the bundle. */
const present = (bundle: Bundle, names: readonly string[]) => names.filter((n) => bundle.code.includes(MARKERS[n] as string));

// The whole public surface of both packages, so everything they can reach is in the bundle.
const TENSOR_OPS_APP = `
export * from '@mindts/tensor';
export * as ops from '@mindts/ops';
`;
const TENSOR_APP = `
export * from '@mindts/tensor';
`;
const ONE_OP_APP = `
export { registerBackend } from '@mindts/tensor';
export { relu } from '@mindts/ops';
`;
const UMBRELLA_APP = `
export { ops, registerBackend, tensor, tidy } from 'mindts';
`;
const CONTROL_APP = `
export { registerBackend } from '@mindts/tensor';
export { matmul } from '@mindts/ops';
export { Cell } from '@mindts/cell';
export { jit } from '@mindts/jit';
export { gpujs } from '@mindts/backend-gpujs';
`;

describe('selective imports (bundled with Vite from dist/, minified)', () => {
  let control: Bundle;
  beforeAll(async () => {
    control = await bundleApp(CONTROL_APP);
  });

  it('the markers are real: an app that imports Cell, jit and gpujs contains each of them', () => {
    expect(present(control, [...EXCLUDED, ...INCLUDED])).toEqual([...EXCLUDED, ...INCLUDED]);
  });

  it('an app importing only @mindts/tensor and @mindts/ops bundles no Cell, jit or gpu.js code', async () => {
    const bundle = await bundleApp(TENSOR_OPS_APP);
    expect(present(bundle, EXCLUDED), `found in the tensor + ops bundle (${bundle.gzip} B gzip)`).toEqual([]);
    expect(present(bundle, INCLUDED)).toEqual(INCLUDED);
    expect(bundle.gzip).toBeLessThan(control.gzip / 4); // gpu.js alone is far larger than tensor + ops
  });

  it('an app importing only @mindts/tensor bundles no ops: the Tensor methods come with @mindts/ops', async () => {
    const bundle = await bundleApp(TENSOR_APP);
    expect(present(bundle, ['@mindts/ops', ...EXCLUDED]), `found in the tensor-only bundle (${bundle.gzip} B gzip)`).toEqual([]);
    expect(present(bundle, ['@mindts/tensor'])).toEqual(['@mindts/tensor']);
    expect(bundle.code).not.toContain('mindts.ops.tensorMethods');
  });

  it('importing one op from @mindts/ops brings the Tensor methods (the package says methods.js has side effects)', async () => {
    const bundle = await bundleApp(ONE_OP_APP);
    expect(bundle.code).toContain('mindts.ops.tensorMethods'); // methods.ts's Symbol.for key survives minification
  });

  it("import { tensor, ops } from 'mindts' tree-shakes the umbrella down to the same", async () => {
    const bundle = await bundleApp(UMBRELLA_APP);
    expect(present(bundle, EXCLUDED), `found in the umbrella bundle (${bundle.gzip} B gzip)`).toEqual([]);
    expect(present(bundle, INCLUDED)).toEqual(INCLUDED);
  });
});
