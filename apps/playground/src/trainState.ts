/**
 * What the page's trainers keep in a checkpoint besides the weights: the optimizer's state and
 * their history as string entries (MindSpore `.ckpt` `appendDict`). Loading checks everything
 * first, so a checkpoint that does not fit leaves the trainer as it was.
 */
import type { Cell } from '@mindts/cell';
import { type CheckpointTarget, loadCheckpoint, loadParamIntoNet, saveCheckpoint } from '@mindts/checkpoint';
import type { Parameter } from '@mindts/parameter';

/**
 * Saves `params` and the string `entries` in MindSpore's `.ckpt` format to `target`.
 * @example
 * await saveTrainState(params, memoryIO(), { steps: '12', losses: '[2.3, 2.1]' });
 */
export async function saveTrainState(
  params: readonly Parameter[],
  target: CheckpointTarget,
  entries: Record<string, string>,
): Promise<void> {
  // The encoder reads synchronously; reading each value once asynchronously first keeps a host
  // copy, which is what lets a WebGPU backend answer it.
  await Promise.all(params.map((p) => p.data()));
  // Strings, not numbers: a number would be an int64 tensor, which only the CPU backend holds.
  await saveCheckpoint([...params], target, { appendDict: entries });
}

/**
 * Loads a checkpoint into `cells`: first `parse` reads its string entries (throwing when they
 * are not this trainer's), then every one of `params` must be there with its shape and dtype
 * (else an error naming `what`); only then are the values loaded. Resolves to what `parse` read.
 * @example
 * const history = await loadTrainState(io, { cells: [net, optimizer], params, what: "the playground's MLP" }, parseHistory);
 */
export async function loadTrainState<T>(
  source: CheckpointTarget,
  owner: { readonly cells: readonly Cell[]; readonly params: readonly Parameter[]; readonly what: string },
  parse: (entries: Readonly<Record<string, string | undefined>>) => T,
): Promise<T> {
  const dict = await loadCheckpoint(source);
  try {
    const entries = Object.fromEntries(Object.entries(dict).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const parsed = parse(entries);
    const missing = owner.params.filter((p) => !(p.name in dict)).map((p) => p.name);
    const misfit = owner.params.filter((p) => {
      const v = dict[p.name];
      return typeof v !== 'string' && v !== undefined && (v.dtype !== p.dtype || v.shape.join() !== p.shape.join());
    });
    if (missing.length || misfit.length) {
      const shapes = misfit.map((p) => `${p.name} expects [${p.shape.join(', ')}]`);
      throw new Error(
        `This checkpoint does not fit ${owner.what}: missing ${missing.join(', ') || 'nothing'}; ${shapes.join(', ') || 'no shape mismatch'}.`,
      );
    }
    for (const cell of owner.cells) loadParamIntoNet(cell, dict);
    return parsed;
  } finally {
    for (const v of Object.values(dict)) if (typeof v !== 'string' && !v.isDisposed) v.dispose();
  }
}

/**
 * The step count and per-step loss history of a playground checkpoint, checked.
 * @example
 * parseHistory({ steps: '2', losses: '[2.3, 2.1]' }); // { steps: 2, losses: [2.3, 2.1] }
 */
export function parseHistory(entries: Readonly<Record<string, string | undefined>>): { steps: number; losses: number[] } {
  const { steps, losses } = entries;
  if (steps === undefined || losses === undefined) {
    throw new Error('This checkpoint was not saved by the playground: it has no steps and losses entries.');
  }
  const n = Number(steps);
  const parsed = parseJson(losses);
  if (!(Number.isInteger(n) && n >= 0) || !Array.isArray(parsed) || !parsed.every((v) => typeof v === 'number')) {
    throw new Error(`This checkpoint's history is damaged: steps '${steps.slice(0, 20)}', losses '${losses.slice(0, 40)}…'.`);
  }
  return { steps: n, losses: parsed };
}

/**
 * `JSON.parse(text)`, or undefined when `text` is not JSON.
 * @example
 * parseJson('[1, 2]'); // [1, 2]
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
