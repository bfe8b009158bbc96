import { cpu } from '@mindts/backend-cpu';
import { Parameter, ParameterTuple } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from './cell.js';
import { nn } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const p = (name?: string) => new Parameter(tensor([1], 'float32'), name);

class Net extends Cell {
  override construct(x: unknown) {
    return x;
  }
  helper(): number {
    return 1;
  }
}

describe('reserved and method names on a Cell', () => {
  it('__proto__, constructor and prototype are refused, whatever is assigned', () => {
    const net = new Net() as unknown as Record<string, unknown>;
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      for (const value of [{}, null, 1, p(), new nn.ReLU()]) {
        expect(() => {
          net[name] = value;
        }).toThrow(`For 'Net', '${name}' is a reserved name: a Cell property cannot be called '${name}'.`);
      }
    }
    expect(() => Object.defineProperty(net, '__proto__', { value: {} })).toThrow(/reserved name/);
    expect(() => Object.setPrototypeOf(net, {})).toThrow("For 'Net', the prototype of a Cell cannot be changed.");
    // Still a Cell, with its methods.
    expect(net).toBeInstanceOf(Net);
    expect(net).toBeInstanceOf(Cell);
    expect((net as unknown as Net).call(3)).toBe(3);
    expect([...(net as unknown as Net).parametersAndNames()]).toEqual([]);
  });

  it("a Parameter, ParameterTuple or Cell may not shadow a Cell's methods", () => {
    const net = new Net() as unknown as Record<string, unknown>;
    const cases: [string, unknown, string][] = [
      ['call', p(), 'Parameter'],
      ['construct', new nn.ReLU(), 'Cell'],
      ['parametersAndNames', p(), 'Parameter'],
      ['setTrain', new nn.ReLU(), 'Cell'],
      ['toString', p(), 'Parameter'],
      ['hasOwnProperty', p(), 'Parameter'],
      ['helper', p(), 'Parameter'],
      ['dispose', new ParameterTuple([p('a')]), 'ParameterTuple'],
      ['cells', [p('b')], 'Parameter array'],
    ];
    for (const [name, value, what] of cases) {
      expect(() => {
        net[name] = value;
      }).toThrow(`For 'Net', a ${what} cannot be registered as '${name}': it would shadow the Cell method '${name}'. Choose another name.`);
    }
    const cell = net as unknown as Net;
    expect(cell.call(5)).toBe(5);
    expect([...cell.parametersAndNames()]).toEqual([]);
    expect(cell.nameCells().size).toBe(0);
  });

  it('other names still work', () => {
    const net = new Net() as unknown as Record<string, unknown>;
    net.weight = p();
    net.body = new nn.ReLU();
    net.call2 = p();
    expect([...(net as unknown as Net).parametersAndNames()].map(([n]) => n)).toEqual(['weight', 'call2']);
  });
});
