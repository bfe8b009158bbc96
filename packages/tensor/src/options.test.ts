import { describe, expect, it } from 'vitest';
import { checkArity, checkOptions, describeType, type OptionKeys } from './options.js';

interface DenseOptions {
  hasBias?: boolean;
  weightInit?: string;
  dtype?: string;
}
const KEYS: OptionKeys<DenseOptions> = { hasBias: true, weightInit: true, dtype: true };

describe('checkOptions', () => {
  it('passes known keys and undefined through', () => {
    expect(checkOptions<DenseOptions>({ hasBias: false }, 'Dense', KEYS)).toEqual({ hasBias: false });
    expect(checkOptions<DenseOptions>(undefined, 'Dense', KEYS)).toEqual({});
  });
  it('names an unknown key and the key it meant', () => {
    expect(() => checkOptions({ has_bias: false }, 'Dense', KEYS)).toThrow(
      "unknown option 'has_bias' for Dense; did you mean 'hasBias'? (known: hasBias, weightInit, dtype)",
    );
    expect(() => checkOptions({ weight_init: 'x' }, 'Dense', KEYS)).toThrow("did you mean 'weightInit'?");
    expect(() => checkOptions({ dtpye: 'x' }, 'Dense', KEYS)).toThrow("did you mean 'dtype'?");
    expect(() => checkOptions({ zzzzzzzz: 1 }, 'Dense', KEYS)).toThrow("unknown option 'zzzzzzzz' for Dense (known:");
  });
  it('checks keys whose value is undefined too', () => {
    expect(() => checkOptions({ hasbias: undefined }, 'Dense', KEYS)).toThrow(TypeError);
  });
  it('refuses a non-object', () => {
    expect(() => checkOptions('abc', 'matmul', KEYS)).toThrow(`For 'matmul', the options must be an object or undefined, but got "abc".`);
    expect(() => checkOptions(null, 'Dense', KEYS)).toThrow('but got null');
    expect(() => checkOptions([1], 'Dense', KEYS)).toThrow('but got Array');
    expect(() => checkOptions(3, 'Dense', KEYS)).toThrow('but got 3');
  });
  it('does not read the prototype chain', () => {
    expect(() => checkOptions(JSON.parse('{"__proto__": {"x": 1}}'), 'Dense', KEYS)).toThrow("unknown option '__proto__'");
    expect(checkOptions({ hasBias: true }, 'Dense', { ...KEYS })).toEqual({ hasBias: true });
    expect(() => checkOptions({ toString: 1 }, 'Dense', KEYS)).toThrow("unknown option 'toString'");
  });
});

describe('checkArity', () => {
  it('refuses extra positional arguments', () => {
    expect(() => checkArity(3, 2, 'flatten')).toThrow('flatten takes at most 2 arguments, but got 3.');
    expect(() => checkArity(2, 2, 'flatten')).not.toThrow();
  });
});

describe('describeType', () => {
  it('names classes', () => {
    expect(describeType(new Float32Array(1))).toBe('Float32Array');
    expect(describeType(null)).toBe('null');
    expect(describeType(Object.create(null))).toBe('Object');
  });
});

describe('values that cannot be written in a message', () => {
  it('a Symbol is described, not interpolated (which throws "Cannot convert a Symbol value")', async () => {
    const { setSeed } = await import('./random.js');
    const { slice } = await import('./indexing.js');
    const { setBackend } = await import('./backendRegistry.js');
    const s = Symbol('bad');
    expect(() => setSeed(s as never)).toThrow('seed must be an integer, but got symbol.');
    expect(() => slice(s as never)).toThrow('slice start must be an integer or null, but got symbol.');
    await expect(setBackend(s as never)).rejects.toThrow('A backend name must be a string, but got symbol.');
    expect(() => checkArity(s as never, 1, 'f')).toThrow(
      'checkArity takes (received: number, max: number, where: string), but got (symbol, 1, "f").',
    );
    expect(() => checkOptions({}, 'f', null as never)).toThrow('checkOptions: keys must be an object of known keys, but got null.');
  });
});
