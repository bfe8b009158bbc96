/**
 * The page's entry: fetches the digits built from @mindts/datasets (from this page's own origin),
 * then starts the playground on the default backend chain.
 */
import digitsUrl from 'virtual:mnist-digits';
import { decodeDigits } from './digitsAsset.js';
import { Playground } from './playground.js';
import { findUi } from './ui.js';
import './style.css';

async function main(): Promise<void> {
  const ui = findUi(document);
  ui.status.dataset.state = 'loading';
  try {
    const response = await fetch(digitsUrl);
    if (!response.ok) throw new Error(`fetching the digits (${digitsUrl}) answered ${response.status} ${response.statusText}`);
    const digits = decodeDigits(new Uint8Array(await response.arrayBuffer()));
    await Playground.start(ui, digits, 'auto');
  } catch (err) {
    ui.status.dataset.state = 'error';
    ui.status.textContent = `The playground could not start: ${err instanceof Error ? err.message : String(err)}`;
  }
}

void main();
