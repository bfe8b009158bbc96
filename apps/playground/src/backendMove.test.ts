import { type CheckpointTarget, saveCheckpoint } from '@mindts/checkpoint';
import { getBackend } from '@mindts/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { activateBackend, releaseBackendsExcept } from './backendChoice.js';
import { type Movable, moveTrainers, type TrainerSlot } from './backendMove.js';

/** A trainer stand-in that records what happens to it. */
class Fake implements Movable {
  static log: string[] = [];
  loaded = false;
  constructor(
    readonly name: string,
    private readonly failLoad = false,
  ) {}
  async save(target: CheckpointTarget) {
    Fake.log.push(`save ${this.name}`);
    await saveCheckpoint([], target, { appendDict: { from: this.name } });
  }
  async load() {
    if (this.failLoad) throw new Error(`${this.name} does not fit`);
    this.loaded = true;
  }
  dispose() {
    Fake.log.push(`dispose ${this.name}`);
  }
}

const slot = (current: Fake | undefined, make: () => Fake): TrainerSlot<Fake> & { held: Fake | undefined } => {
  const s = {
    held: current,
    get current() {
      return s.held;
    },
    make,
    adopt: (next: Fake) => {
      s.held = next;
    },
  };
  return s;
};

afterEach(async () => {
  Fake.log = [];
  await activateBackend('cpu');
  releaseBackendsExcept('cpu');
});

describe('moveTrainers', () => {
  it('moves every trainer through a checkpoint, then frees the old ones and the old backend', async () => {
    const previous = await activateBackend('cpu');
    const a = slot(new Fake('a'), () => new Fake('a2'));
    const b = slot(undefined, () => new Fake('b2'));
    const active = await moveTrainers('wasm', previous, [a, b]);
    expect(active.name).toBe('wasm');
    expect(getBackend().name).toBe('wasm');
    expect([a.held?.name, a.held?.loaded, b.held?.name, b.held?.loaded]).toEqual(['a2', true, 'b2', false]);
    expect(Fake.log).toEqual(['save a', 'dispose a']);
  });

  it('changes nothing when a trainer does not load: the new ones are freed, the previous backend is back', async () => {
    const previous = await activateBackend('cpu');
    const a = slot(new Fake('a'), () => new Fake('a2'));
    const b = slot(new Fake('b'), () => new Fake('b2', true));
    await expect(moveTrainers('wasm', previous, [a, b])).rejects.toThrow('b2 does not fit');
    expect(getBackend().name).toBe('cpu');
    expect([a.held?.name, b.held?.name]).toEqual(['a', 'b']);
    expect(Fake.log).toEqual(['save a', 'save b', 'dispose a2', 'dispose b2']);
  });
});
