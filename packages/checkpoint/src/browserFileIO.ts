/**
 * `fileIO` where there is no file system: the `browser` and `default` conditions of `#fileIO` in
 * package.json, so a browser bundle of @mindts/checkpoint (or of `mindts`) has no `node:fs` import
 * for the bundler to resolve. A path is then an error that names what a browser can use instead.
 */
import { CheckpointError } from './errors.js';
import type { CheckpointIO } from './io.js';

/** Refuses `path`: a file path needs Node's file system, which this build does not have. */
export function platformFileIO(path: string): CheckpointIO {
  throw new CheckpointError(
    `Cannot use the checkpoint file ${JSON.stringify(path)}: a file path needs Node.js's file system, and this is the browser ` +
      "build of @mindts/checkpoint (the package's 'browser'/'default' export condition). In a browser, save to and load from " +
      "memoryIO() (make a Blob of its .bytes to download the file), indexedDBIO('name'), or bytes; load from a Blob or File too.",
  );
}
