import { englishWords } from '@mindts/datasets';
import { describe, expect, it } from 'vitest';
import { decodeWordList } from '../wordListAsset.js';
import { wordsFromPackage } from './wordsFromPackage.js';
import { WORDS_MODULE, wordsPlugin } from './wordsPlugin.js';

type Hook = (this: unknown, ...args: unknown[]) => unknown;

describe('wordsPlugin', () => {
  it("emits the package's word list as an asset of the build and exports its URL", async () => {
    const plugin = wordsPlugin(wordsFromPackage);
    (plugin.configResolved as unknown as Hook).call(undefined, { base: '/', command: 'build' });
    const id = (plugin.resolveId as unknown as Hook).call(undefined, WORDS_MODULE) as string;
    const emitted: { name: string; source: string }[] = [];
    const context = { emitFile: (file: { name: string; source: string }) => emitted.push(file) && 'ref7' };
    expect(await (plugin.load as unknown as Hook).call(context, id)).toBe('export default import.meta.ROLLUP_FILE_URL_ref7;');
    expect(emitted[0]?.name).toBe('english-words.txt');
    const text = emitted[0]?.source ?? '';
    const words = decodeWordList(text);
    expect(words).toHaveLength(englishWords().length);
    expect(words.slice(0, 3)).toEqual(['a', 'aa', 'aah']);
    // About a megabyte: less than half the digits' file.
    expect(text.length).toBeLessThan(1_100_000);
  });
});
