/**
 * Checkpoints as Node files (the `node` condition of `#fileIO` in package.json; browser bundles
 * get `browserFileIO.ts` and never see `node:fs`). Reading opens the path once, checks on that handle that it is a
 * regular file within the size limit, and only then reads it. Writing never opens a name an
 * attacker could guess: the bytes go to a new file `.<base>.<pid>.<random>.mindts-tmp` in the
 * target's folder, created exclusively (O_EXCL: a planted file or symlink there is refused, never
 * followed), written, fsync'ed, then renamed over the target, and the folder is fsync'ed. A save
 * killed midway leaves such a temporary file; the next save of the same path removes it.
 */
import { CheckpointError } from './errors.js';
import { type CheckpointIO, DEFAULT_MAX_BYTES, type ReadLimits } from './io.js';

/** A temporary file whose writer's process is alive is only taken for stale after this long unchanged. */
const STALE_AGE_MS = 10 * 60 * 1000;

/** Temporary files of saves running in this process (never cleaned by another save here). */
const active = new Set<string>();

type FS = typeof import('node:fs/promises');

/** The part of a temporary name tied to the target: its basename, or a hash when that is long. */
async function stemOf(base: string): Promise<string> {
  if (new TextEncoder().encode(base).length <= 128) return base;
  const { createHash } = await import('node:crypto');
  return `h${createHash('sha256').update(base).digest('hex').slice(0, 32)}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the temporary files of saves of `base`: `.<stem>.<pid>.<24 hex>.mindts-tmp`. */
async function tempPattern(base: string): Promise<RegExp> {
  return new RegExp(`^\\.${escapeRegExp(await stemOf(base))}\\.(\\d+)\\.[0-9a-f]{24}\\.mindts-tmp$`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/**
 * Removes the temporary files earlier saves of `base` in `dir` left behind: regular files (never
 * links or folders) named by the pattern, whose writer is dead, or not a save running in this
 * process, or (another live process) unchanged for {@link STALE_AGE_MS}.
 */
async function removeStaleTemps(fs: FS, path: typeof import('node:path'), dir: string, base: string): Promise<void> {
  const pattern = await tempPattern(base);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return; // the write reports an unusable folder
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const full = path.join(dir, name);
    if (active.has(full)) continue;
    try {
      const st = await fs.lstat(full);
      if (!st.isFile()) continue;
      const pid = Number(m[1]);
      const mine = pid === process.pid; // not in `active`: a save here that has ended
      if (mine || !processAlive(pid) || Date.now() - st.mtimeMs > STALE_AGE_MS) await fs.unlink(full);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
}

async function syncFolder(fs: FS, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every platform can open or fsync a folder (Windows); the rename is done either way.
  }
}

/**
 * Writes `bytes` to `target` atomically and safely (see the module comment). `random` makes the
 * unpredictable part of the temporary name (tests replace it to force collisions).
 */
export async function writeFileAtomic(
  target: string,
  bytes: Uint8Array,
  random: () => Promise<string> = async () => (await import('node:crypto')).randomBytes(12).toString('hex'),
): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const dir = path.dirname(target);
  const base = path.basename(target);
  const fail = (err: unknown): never => {
    throw new CheckpointError(`Cannot write the checkpoint file ${target}: ${(err as Error).message}`);
  };
  await removeStaleTemps(fs, path, dir, base);
  const stem = await stemOf(base);
  let tmp = '';
  let handle: Awaited<ReturnType<FS['open']>> | undefined;
  for (let attempt = 0; !handle; attempt++) {
    tmp = path.join(dir, `.${stem}.${process.pid}.${await random()}.mindts-tmp`);
    try {
      // 'wx': O_CREAT | O_EXCL, so an existing name (file or symlink, even dangling) is refused.
      handle = await fs.open(tmp, 'wx', 0o666);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 16) fail(err);
    }
  }
  active.add(tmp);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    fail(err);
  } finally {
    active.delete(tmp);
  }
  await syncFolder(fs, dir);
}

/**
 * Reads `file` whole after checking, on the open handle, that it is a regular file of at most
 * `maxBytes` bytes (so `/dev/zero`, a FIFO or a folder fail at once).
 */
export async function readFileChecked(file: string, maxBytes: number): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  let handle: Awaited<ReturnType<FS['open']>>;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new CheckpointError(`Cannot read the checkpoint file ${file}: ${(err as Error).message}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      const kind = st.isDirectory()
        ? 'a folder'
        : st.isFIFO()
          ? 'a FIFO'
          : st.isCharacterDevice()
            ? 'a character device'
            : 'not a regular file';
      throw new CheckpointError(`Cannot read the checkpoint file ${file}: it is ${kind}, not a regular file.`);
    }
    if (st.size > maxBytes) {
      throw new CheckpointError(
        `Cannot read the checkpoint file ${file}: it has ${st.size} bytes, more than maxBytes (${maxBytes}); pass a larger { maxBytes } to loadCheckpoint to read it.`,
      );
    }
    const out = new Uint8Array(st.size);
    let filled = 0;
    while (filled < out.length) {
      const { bytesRead } = await handle.read(out, filled, out.length - filled, filled);
      if (bytesRead === 0) throw new CheckpointError(`The checkpoint file ${file} shrank while it was read.`);
      filled += bytesRead;
    }
    if ((await handle.read(new Uint8Array(1), 0, 1, filled)).bytesRead !== 0)
      throw new CheckpointError(`The checkpoint file ${file} grew while it was read.`);
    return out;
  } catch (err) {
    if (err instanceof CheckpointError) throw err;
    throw new CheckpointError(`Cannot read the checkpoint file ${file}: ${(err as Error).message}`);
  } finally {
    await handle.close();
  }
}

/** The Node file behind `fileIO(path)` (see fileIO.ts); `path` is checked there. */
export function platformFileIO(path: string): CheckpointIO {
  return {
    name: path,
    read: (limits?: ReadLimits) => readFileChecked(path, limits?.maxBytes ?? DEFAULT_MAX_BYTES),
    write: (bytes: Uint8Array) => writeFileAtomic(path, bytes),
  };
}
