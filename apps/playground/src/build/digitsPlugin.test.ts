import { describe, expect, it } from 'vitest';
import { decodeDigits } from '../digitsAsset.js';
import { digitsFromPackage } from './digitsFromPackage.js';
import { DIGITS_MODULE, digitsPlugin } from './digitsPlugin.js';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (plugin: ReturnType<typeof digitsPlugin>, name: 'configResolved' | 'resolveId' | 'load') => plugin[name] as unknown as Hook;

describe('digitsPlugin', () => {
  // Building through Vite's module runner is what `vite build` does in the end-to-end test.
  it('emits the digits of @mindts/datasets as an asset of the build and exports its URL', async () => {
    const plugin = digitsPlugin({ train: 20, test: 5, seed: 1 }, digitsFromPackage);
    hook(plugin, 'configResolved').call(undefined, { base: '/', command: 'build' });
    const id = hook(plugin, 'resolveId').call(undefined, DIGITS_MODULE) as string;
    const emitted: { name: string; source: Uint8Array }[] = [];
    const context = { emitFile: (file: { name: string; source: Uint8Array }) => emitted.push(file) && 'ref1' };
    const code = await hook(plugin, 'load').call(context, id);
    expect(code).toBe('export default import.meta.ROLLUP_FILE_URL_ref1;');
    expect(emitted[0]?.name).toBe('mnist-digits.bin');
    const digits = decodeDigits(emitted[0]?.source as Uint8Array);
    expect([digits.train.labels.length, digits.test.labels.length]).toEqual([20, 5]);
    expect(await hook(plugin, 'load').call(context, 'other.ts')).toBeUndefined();
  });

  it('serves the same file from the dev server, under the base', async () => {
    const plugin = digitsPlugin({ train: 3, test: 2, seed: 1 }, digitsFromPackage);
    hook(plugin, 'configResolved').call(undefined, { base: '/play/', command: 'serve' });
    expect(await hook(plugin, 'load').call({}, `\0${DIGITS_MODULE}`)).toBe('export default "/play/@mindts/mnist-digits.bin";');
    let handler: ((req: unknown, res: unknown, next: (err?: unknown) => void) => void) | undefined;
    const server = { middlewares: { use: (path: string, h: typeof handler) => path === '/@mindts/mnist-digits.bin' && (handler = h) } };
    (plugin.configureServer as unknown as Hook).call(undefined, server);
    const body = await new Promise<Uint8Array>((resolve, reject) => handler?.({}, { setHeader: () => undefined, end: resolve }, reject));
    expect(decodeDigits(body).test.labels).toHaveLength(2);
  });

  it('checks the counts, naming them', () => {
    expect(() => digitsPlugin({ train: 0, test: 5, seed: 1 })).toThrow('counts.train must be a positive integer, but got 0');
    expect(() => digitsPlugin({ train: 5, test: 5, seed: 0.5 })).toThrow('counts.seed must be an integer, but got 0.5');
  });
});
