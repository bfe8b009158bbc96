import { describe, expect, it } from 'vitest';
import { DeviceStore, type Layout } from './deviceStore.js';
import type { DeviceHandle } from './gpujsModule.js';

/** A texture stand-in that records deletion and reads back its values. */
function handle(values: number[], deleted: string[], name: string): DeviceHandle {
  return { toArray: () => Float32Array.from(values), delete: () => void deleted.push(name) };
}

function store(): DeviceStore {
  return new DeviceStore('test', 'webgl2', () => {
    throw new Error('no uploads here');
  });
}

describe('DeviceStore layouts', () => {
  it('keeps the other form until a read needs the flat one, converts once and deletes the parts', async () => {
    const deleted: string[] = [];
    let conversions = 0;
    const parts = [0, 1, 2, 3].map((o) => handle([], deleted, `part${o}`));
    const layout: Layout = {
      kind: 'blocked',
      parts,
      flat: () => {
        conversions++;
        return handle([1, 2, 3, 4], deleted, 'flat');
      },
    };
    const s = store();
    const id = s.addLayout([2, 2], 'float32', layout);
    expect(s.layoutOf(id)).toBe(layout);
    expect(s.memory()).toMatchObject({ deviceBytes: 16, deviceBuffers: 1 });
    expect(conversions).toBe(0);
    expect(Array.from(s.hostSync(id))).toEqual([1, 2, 3, 4]);
    expect(conversions).toBe(1);
    expect(deleted).toEqual(['part0', 'part1', 'part2', 'part3']);
    expect(s.layoutOf(id)).toBeUndefined();
    expect(Array.from(await s.host(id))).toEqual([1, 2, 3, 4]);
    s.device(id);
    expect(conversions).toBe(1);
    s.dispose(id);
    expect(deleted).toEqual(['part0', 'part1', 'part2', 'part3', 'flat']);
  });

  it('converts for an async read, and frees the parts on dispose when no read came', async () => {
    const deleted: string[] = [];
    const s = store();
    const rows = s.addLayout([1, 4], 'float32', {
      kind: 'rows',
      parts: [handle([], deleted, 'rows')],
      flat: () => handle([5, 6, 7, 8], deleted, 'flat'),
    });
    expect(Array.from(await s.host(rows))).toEqual([5, 6, 7, 8]);
    expect(deleted).toEqual(['rows']);
    const unread = s.addLayout([1, 4], 'float32', {
      kind: 'rows',
      parts: [handle([], deleted, 'unread')],
      flat: () => {
        throw new Error('not converted');
      },
    });
    s.dispose(unread);
    s.dispose(rows);
    expect(deleted).toEqual(['rows', 'unread', 'flat']);
    expect(s.memory()).toMatchObject({ deviceBytes: 0, deviceBuffers: 0, buffers: 0 });
  });

  it('holds both forms when given the flat one too, converting nothing', () => {
    const deleted: string[] = [];
    const s = store();
    const flat = handle([1, 2, 3, 4], deleted, 'flat');
    const id = s.addLayout(
      [1, 4],
      'float32',
      {
        kind: 'rows',
        parts: [handle([], deleted, 'rows')],
        flat: () => {
          throw new Error('not converted');
        },
      },
      flat,
    );
    expect(s.device(id)).toBe(flat);
    expect(s.layoutOf(id)?.kind).toBe('rows');
    expect(Array.from(s.hostSync(id))).toEqual([1, 2, 3, 4]);
    s.dispose(id);
    expect(deleted.sort()).toEqual(['flat', 'rows']);
  });
});

/** A gpu.js-like texture handle: clones share `texture` and count references; the last delete frees it. */
function counted(values: number[], freed: string[]): DeviceHandle & { texture: { refs: number } } {
  const texture = { refs: 1 };
  const make = (): DeviceHandle & { texture: { refs: number } } => {
    let deleted = false;
    return {
      texture,
      toArray: () => Float32Array.from(values),
      clone: () => {
        texture.refs++;
        return make();
      },
      delete: () => {
        if (deleted) return;
        deleted = true;
        if (--texture.refs === 0) freed.push('texture');
      },
    } as DeviceHandle & { texture: { refs: number } };
  };
  return make();
}

describe('DeviceStore.share', () => {
  it('shares a flat texture under another shape; either dispose keeps the other readable; counted once', () => {
    const freed: string[] = [];
    const s = store();
    const a = s.add([2, 2], 'float32', { device: counted([1, 2, 3, 4], freed) });
    const b = s.share(a, [4]) as object;
    expect(b).toBeDefined();
    expect(s.get(b).shape).toEqual([4]);
    expect(s.memory()).toMatchObject({ deviceBytes: 16, deviceBuffers: 1, buffers: 2 });
    s.dispose(a);
    expect(freed).toEqual([]);
    expect(Array.from(s.hostSync(b))).toEqual([1, 2, 3, 4]);
    const c = s.share(b, [1, 4]) as object;
    s.dispose(b);
    expect(freed).toEqual([]);
    s.dispose(c);
    expect(freed).toEqual(['texture']);
    expect(s.memory()).toMatchObject({ deviceBytes: 0, buffers: 0 });
  });

  it('converts a tensor held in another form first, and copies (undefined) where it cannot share', () => {
    const freed: string[] = [];
    const s = store();
    const laid = s.addLayout([2, 2], 'float32', { kind: 'blocked', parts: [], flat: () => counted([5, 6, 7, 8], freed) });
    const b = s.share(laid, [4]) as object;
    expect(s.layoutOf(laid)).toBeUndefined();
    expect(Array.from(s.hostSync(b))).toEqual([5, 6, 7, 8]);
    // Host-only data, an int32 texture (inexact past 2^24), a handle gpu.js cannot clone, the array modes.
    expect(s.share(s.write(Float32Array.of(1, 2), [2], 'float32'), [1, 2])).toBeUndefined();
    expect(s.share(s.add([2], 'int32', { device: counted([1, 2], freed) }), [1, 2])).toBeUndefined();
    expect(s.share(s.add([2], 'float32', { device: handle([1, 2], [], 'plain') }), [1, 2])).toBeUndefined();
    const arrays = new DeviceStore('test', 'webasm', (v) => v);
    expect(arrays.share(arrays.write(Float32Array.of(1, 2), [2], 'float32'), [1, 2])).toBeUndefined();
  });
});
