/**
 * A backend switch with every model of the page on board: each trainer's weights and optimizer
 * state go through an in-memory checkpoint to a new trainer on the new backend, then the old ones
 * and the old backend are released. If any step fails, nothing has changed: the new trainers are
 * freed and the previous backend is active again.
 */
import { type CheckpointTarget, memoryIO } from '@mindts/checkpoint';
import { type ActiveBackend, activateBackend, type BackendChoice, releaseBackendsExcept } from './backendChoice.js';

/**
 * What a page trainer offers for a move (BrowserTrainer, WordTrainer).
 * @example
 * const movable: Movable = new BrowserTrainer(digits, options);
 */
export interface Movable {
  save(target: CheckpointTarget): Promise<void>;
  load(source: CheckpointTarget): Promise<void>;
  dispose(): void;
}

/**
 * Where the page keeps one trainer: the one it has (if any), how to make a new one on the active
 * backend, and how to take the moved one.
 * @example
 * const slot: TrainerSlot = { current: trainer, make: () => new BrowserTrainer(digits, options), adopt: (t) => (trainer = t) };
 */
export interface TrainerSlot<T extends Movable = Movable> {
  readonly current: T | undefined;
  make(): T;
  adopt(next: T): void;
}

/**
 * Makes `choice` active (with the fallback chain of {@link activateBackend}) and moves every
 * slot's trainer there; resolves to the backend that runs. `previous` is what ran before.
 * @example
 * const active = await moveTrainers('wasm', previous, [digitsSlot, wordsSlot]);
 */
export async function moveTrainers(
  choice: BackendChoice,
  previous: ActiveBackend | undefined,
  slots: readonly TrainerSlot[],
): Promise<ActiveBackend> {
  const snapshots: (CheckpointTarget | undefined)[] = [];
  for (const slot of slots) {
    const io = slot.current ? memoryIO() : undefined;
    if (io) await slot.current?.save(io);
    snapshots.push(io);
  }
  const active = await activateBackend(choice);
  const made: Movable[] = [];
  try {
    for (const [i, slot] of slots.entries()) {
      const next = slot.make();
      made.push(next);
      const snapshot = snapshots[i];
      if (snapshot) await next.load(snapshot);
    }
  } catch (err) {
    for (const m of made) m.dispose();
    if (previous) await activateBackend(previous.choice);
    throw err;
  }
  slots.forEach((slot, i) => {
    slot.current?.dispose();
    slot.adopt(made[i] as Movable);
  });
  releaseBackendsExcept(active.name);
  return active;
}
