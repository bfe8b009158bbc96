import { cpu } from '@mindts/backend-cpu';
import { registerBackend, setSeed } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Initializer, type RandomKey } from './base.js';
import { Constant, One, Zero } from './constant.js';
import { Dirac } from './dirac.js';
import { normalValues } from './draws.js';
import { HeNormal, HeUniform } from './he.js';
import { Identity } from './identity.js';
import { initializer } from './initializer.js';
import { Normal } from './normal.js';
import { Orthogonal } from './orthogonal.js';
import { createInitializer, listInitializers, registerInitializer } from './registry.js';
import { TruncatedNormal } from './truncatedNormal.js';
import { Uniform } from './uniform.js';
import { VarianceScaling } from './varianceScaling.js';
import { XavierNormal, XavierUniform } from './xavier.js';

beforeAll(() => registerBackend(cpu()));

describe('MindSpore’s aliases', () => {
  const ALIASES: [string[], new () => Initializer][] = [
    [['zero', 'zeros', 'Zeros'], Zero],
    [['one', 'ones', 'ONES'], One],
    [['normal', 'Normal'], Normal],
    [['uniform', 'UNIFORM'], Uniform],
    [['truncatednormal', 'truncatedNormal', 'TruncatedNormal'], TruncatedNormal],
    [['xavieruniform', 'xavier_uniform', 'XavierUniform', 'Xavier_Uniform'], XavierUniform],
    [['xaviernormal', 'xavier_normal', 'XavierNormal'], XavierNormal],
    [['heuniform', 'he_uniform', 'HeUniform'], HeUniform],
    [['henormal', 'he_normal', 'HE_NORMAL'], HeNormal],
    [['identity', 'Identity'], Identity],
    [['orthogonal', 'Orthogonal'], Orthogonal],
    [['dirac', 'Dirac'], Dirac],
    [['variancescaling', 'varianceScaling', 'VarianceScaling'], VarianceScaling],
  ];

  it('resolve case-insensitively to the right class, with its defaults', () => {
    for (const [names, cls] of ALIASES) for (const name of names) expect(createInitializer(name)).toBeInstanceOf(cls);
    expect(createInitializer('normal')).toMatchObject({ sigma: 0.01, mean: 0 });
    expect(createInitializer('uniform')).toMatchObject({ scale: 0.07 });
    expect(createInitializer('truncatednormal')).toMatchObject({ sigma: 0.01, mean: 0, a: -2, b: 2 });
    expect(createInitializer('he_uniform')).toMatchObject({ negativeSlope: 0, mode: 'fan_in', nonlinearity: 'leaky_relu' });
    expect(createInitializer('variancescaling')).toMatchObject({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal' });
    expect(createInitializer('orthogonal')).toMatchObject({ gain: 1 });
    expect(createInitializer('dirac')).toMatchObject({ groups: 1 });
  });

  it('lists exactly MindSpore’s names; Constant is not one, and sparse needs its argument', () => {
    expect(listInitializers()).toEqual(
      [
        'dirac',
        'he_normal',
        'he_uniform',
        'henormal',
        'heuniform',
        'identity',
        'normal',
        'one',
        'ones',
        'orthogonal',
        'sparse',
        'truncatednormal',
        'uniform',
        'variancescaling',
        'xavier_normal',
        'xavier_uniform',
        'xaviernormal',
        'xavieruniform',
        'zero',
        'zeros',
      ].sort(),
    );
    expect(() => initializer('sparse', [4, 4])).toThrow("'sparse' needs the argument 'sparsity'");
  });

  it('an unknown name is MindSpore’s error plus the valid names', () => {
    expect(() => initializer('glorot', [2, 2])).toThrow(
      `For 'initializer', the class corresponding to 'glorot' was not found. Valid names are: ${listInitializers().join(', ')}.`,
    );
    expect(() => initializer('constant', [2])).toThrow("the class corresponding to 'constant' was not found");
  });
});

describe('registerInitializer', () => {
  class ScaledNormal extends Initializer {
    constructor(readonly factor: number) {
      super();
    }
    initialize(shape: readonly number[], _dtype: unknown, key: RandomKey) {
      return normalValues(
        shape.reduce((a, b) => a * b, 1),
        key,
        0,
        this.factor,
      );
    }
  }

  it('makes a plugin initializer available by name, case-insensitively, drawing from the shared stream', () => {
    registerInitializer('Half', () => new Constant(0.5));
    expect(Array.from(initializer('half', [3]).dataSync())).toEqual([0.5, 0.5, 0.5]);
    expect(listInitializers()).toContain('half');

    registerInitializer('scaled_normal', () => new ScaledNormal(4));
    setSeed(9);
    const byName = Array.from(initializer('SCALED_NORMAL', [64], 'float64').dataSync());
    setSeed(9);
    const direct = Array.from(initializer(new Normal({ sigma: 4 }), [64], 'float64').dataSync());
    expect(byName).toEqual(direct);
  });

  it('refuses duplicate names, built-in or not, in any case, and bad arguments', () => {
    registerInitializer('mine', () => new Zero());
    expect(() => registerInitializer('MINE', () => new One())).toThrow(
      "registerInitializer: an initializer named 'mine' is already registered.",
    );
    expect(() => registerInitializer('Normal', () => new One())).toThrow("an initializer named 'normal' is already registered");
    expect(() => registerInitializer('', () => new One())).toThrow('the name must be a non-empty string');
    expect(() => registerInitializer('x', 3 as unknown as () => Initializer)).toThrow("the factory for 'x' must be a function");
    registerInitializer('broken', () => ({}) as Initializer);
    expect(() => initializer('broken', [1])).toThrow("The factory registered for 'broken' did not return an Initializer.");
  });
});
