import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listBackends, registerBackend, removeBackend } from './backendRegistry.js';
import { tensor } from './creation.js';
import { mapFactory } from './testing/mapBackend.js';

beforeEach(() => {
  registerBackend(mapFactory('m'));
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const name of listBackends()) removeBackend(name);
});

describe('Tensor.print (MindSpore print(t))', () => {
  it('logs the NumPy form once, as MindSpore prints a tensor', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    ).print();
    tensor([1, 2, 3]).print();
    expect(log.mock.calls).toEqual([['[[1. 2.]\n [3. 4.]]'], ['[1 2 3]']]);
  });

  it('takes no arguments', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const print = tensor([1], 'float32').print as (this: unknown, ...args: unknown[]) => void;
    expect(() => print.call(tensor([1], 'float32'), true)).toThrow('Tensor.print takes at most 0 arguments, but got 1.');
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses a disposed tensor, printing nothing', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const t = tensor([1], 'float32');
    t.dispose();
    expect(() => t.print()).toThrow();
    expect(log).not.toHaveBeenCalled();
  });
});
