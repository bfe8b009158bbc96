/**
 * The error every rejected checkpoint raises.
 */

/**
 * A checkpoint that cannot be read or written: the message names the problem and the file.
 * @example
 * try { await loadCheckpoint('bad.ckpt'); } catch (e) { if (e instanceof CheckpointError) console.log(e.message); }
 */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}
