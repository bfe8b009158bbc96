/**
 * The page's entry: fetches the digits and the English words built from @mindts/datasets (from
 * this page's own origin), then starts the playground on the default backend chain.
 */
import wordsUrl from 'virtual:english-words';
import digitsUrl from 'virtual:mnist-digits';
import { decodeDigits } from './digitsAsset.js';
import { Playground } from './playground.js';
import { findUi } from './ui.js';
import { decodeWordList } from './wordListAsset.js';
import './style.css';

async function fetched(url: string, what: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching the ${what} (${url}) answered ${response.status} ${response.statusText}`);
  return response;
}

async function main(): Promise<void> {
  const ui = findUi(document);
  ui.status.dataset.state = 'loading';
  try {
    const [digitsFile, wordsFile] = await Promise.all([fetched(digitsUrl, 'digits'), fetched(wordsUrl, 'words')]);
    const digits = decodeDigits(new Uint8Array(await digitsFile.arrayBuffer()));
    const wordList = decodeWordList(await wordsFile.text());
    await Playground.start(ui, digits, wordList, 'auto');
  } catch (err) {
    ui.status.dataset.state = 'error';
    ui.status.textContent = `The playground could not start: ${err instanceof Error ? err.message : String(err)}`;
  }
}

void main();
