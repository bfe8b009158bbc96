import { describe, expect, it } from 'vitest';
import { nodeOnlyStubs } from './nodeOnlyStubs.js';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const plugin = nodeOnlyStubs(['/packages/datasets/src/mnistFiles.ts']);
const resolveId = plugin.resolveId as unknown as Hook;
const load = plugin.load as unknown as Hook;

describe('nodeOnlyStubs', () => {
  it('stands in for the built-ins of the listed files only', () => {
    expect(resolveId.call(undefined, 'node:fs', '/work/main/packages/datasets/src/mnistFiles.ts')).toBe('\0mindts-node-only:node:fs');
    expect(resolveId.call(undefined, 'node:fs', '/work/main/packages/datasets/src/mnist.ts')).toBeUndefined();
    expect(resolveId.call(undefined, './x.js', '/work/main/packages/datasets/src/mnistFiles.ts')).toBeUndefined();
    expect(plugin.apply).toBe('serve');
  });

  it("exports every name of Node's module, each throwing with the reason only when called", async () => {
    const code = (await load.call(undefined, '\0mindts-node-only:node:fs')) as string;
    const stub = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, () => unknown>;
    expect(typeof stub.readFileSync).toBe('function');
    expect(typeof stub.writeFileSync).toBe('function');
    expect(() => stub.readFileSync?.()).toThrow(
      'node:fs is Node-only: the playground page never calls it (it runs in a browser), but readFileSync was called.',
    );
    expect(await load.call(undefined, '/src/main.ts')).toBeUndefined();
  });
});
