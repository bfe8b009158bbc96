/**
 * `fileIO`: a checkpoint file. Which implementation runs is chosen by the package's `#fileIO`
 * import conditions: `node` gets the Node file system (nodeFileIO.ts: checked reads, atomic
 * writes); `browser` and `default` get browserFileIO.ts, which refuses a path with the browser
 * alternatives, so browser bundles never import `node:fs` and need no plugin.
 */
import { platformFileIO } from '#fileIO';
import type { CheckpointIO } from './io.js';

/**
 * A checkpoint file (Node.js). Read with the checks of a regular file and a size limit, written
 * atomically through an unpredictable, exclusively created temporary file in the same folder,
 * fsync'ed and renamed over the target, so a crash mid-save never leaves a broken file where a
 * good one was. In a browser build it throws a `CheckpointError` naming the browser alternatives
 * (`memoryIO`, `indexedDBIO`, a Blob). A string target of `saveCheckpoint`/`loadCheckpoint` is a
 * `fileIO`.
 * @example
 * await saveCheckpoint(net, fileIO('/tmp/net.ckpt'));
 */
export function fileIO(path: string): CheckpointIO {
  if (typeof path !== 'string' || path === '') throw new TypeError(`fileIO: path must be a non-empty string, but got ${String(path)}.`);
  return platformFileIO(path);
}
