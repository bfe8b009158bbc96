/**
 * No argument is ever silently ignored: every public function and class that takes an options
 * object (found from the types by optionsSurface.ts, so a new export cannot slip past) is called
 * with an unknown key and must throw a TypeError naming it, leaking no tensor. Then each KNOWN key
 * whose type is a number, a boolean, a string (or literals), or a union with a number (`number |
 * number[]`) is given bad values one by one (a wrong type, NaN,
 * -1, null, a string outside a union of literals): the call must throw a clear error or accept
 * the value in a way the docs state (null meaning the default; -1 where NEGATIVE_OK says why;
 * a value DOCUMENTED lists with the reason). Prints its counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpu } from '../../../packages/backend-cpu/src/index.js';
import { listBackends, memory, registerBackend } from '../../../packages/tensor/src/index.js';
import { EXEMPT, made, RECIPES } from './optionsRecipes.js';
import { type FieldKind, type OptionField, type OptionsTaker, optionsTakers } from './optionsSurface.js';
import { isUnclear, release } from './walkSupport.js';
import { publicEntryPoints } from './publicApi.js';

const PROBE = '__unknown_probe__';

let takers: OptionsTaker[] = [];
const counts = { walked: 0, rejected: 0, leaks: 0 };
const fieldCounts = { fields: 0, calls: 0, clear: 0, nullDefault: 0, negativeAccepted: 0, documented: 0, failures: 0, otherTyped: 0 };

/**
 * Callables whose known keys are not given bad values, and why (their unknown-key check above
 * still runs). An accepted bad value there would touch the process or the network.
 */
const FIELD_EXEMPT: Record<string, string> = {
  '@mindts/datasets loadMnist': 'an accepted value downloads or reads the MNIST files',
  '@mindts/dataset MnistDataset': 'an accepted value reads the MNIST files',
  '@mindts/plugin-example registerPluginExample': 'registers kernels process-wide',
  '@mindts/onnx exportOnnx': 'writes a file (its options type is checked through toOnnx, which takes the same keys)',
};

/**
 * Keys (by name, in every options type that has them) where -1 is a valid value, and why; -1
 * accepted by any other number key is a failure (a range that is not checked).
 */
const NEGATIVE_OK: Record<string, string> = {
  seed: 'any integer seeds the generator',
  priority: 'backend priorities are ordered, any number',
  axis: 'a negative axis counts from the end',
  dim: 'a negative axis counts from the end',
  startDim: 'a negative axis counts from the end',
  endDim: 'a negative axis counts from the end',
  beginNormAxis: 'a negative axis counts from the end (MindSpore default -1)',
  beginParamsAxis: 'a negative axis counts from the end (MindSpore default -1)',
  ignoreIndex: 'a label value to skip; MindSpore uses -100 by default',
  mean: 'a distribution mean, any real',
  minval: 'a lower bound, any real',
  a: 'a truncation bound, any real',
  b: 'a truncation bound, any real',
  value: 'a fill value, any real',
  alpha: 'a slope or scale, any real (ELU, LeakyReLU)',
  beta: "Softplus' beta, any nonzero real",
  threshold: "a cut-off compared with values (Softplus' linear switch, ConfusionMatrix's score cut)",
  baseline: 'a metric value to beat, any real',
  minDelta: 'its absolute value is used, as in MindSpore and Keras',
};

/** Bad-looking values a key's docs allow (`id key value`), and why. */
const DOCUMENTED: Record<string, string> = {
  '@mindts/ops pad value NaN': 'pads with NaN, as NumPy and torch do (PadOptions.value says NaN is a value)',
  '@mindts/ops pad value true': 'a boolean fills as 1 (PadOptions.value), so a bool tensor pads with true/false',
};

/** The bad values of each kind of key: name, value, and whether acceptance is a documented default. */
function badValues(kind: FieldKind): { name: string; value: unknown; kind: 'wrong' | 'null' | 'negative' | 'nan' }[] {
  const common = [{ name: 'null', value: null, kind: 'null' as const }];
  switch (kind) {
    case 'number':
      return [
        { name: '"1"', value: '1', kind: 'wrong' },
        { name: 'true', value: true, kind: 'wrong' },
        { name: '{}', value: {}, kind: 'wrong' },
        { name: 'NaN', value: Number.NaN, kind: 'nan' },
        { name: '-1', value: -1, kind: 'negative' },
        ...common,
      ];
    case 'boolean':
      return [{ name: '"yes"', value: 'yes', kind: 'wrong' }, { name: '1', value: 1, kind: 'wrong' }, ...common];
    case 'enum':
      return [{ name: '"__bad__"', value: '__bad__', kind: 'wrong' }, { name: '42', value: 42, kind: 'wrong' }, ...common];
    case 'numeric':
      return [{ name: '"1"', value: '1', kind: 'wrong' }, { name: 'true', value: true, kind: 'wrong' }, ...common];
    case 'string':
      return [{ name: '42', value: 42, kind: 'wrong' }, { name: '{}', value: {}, kind: 'wrong' }, ...common];
    default:
      return [];
  }
}

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  // The umbrella re-exports the same callables: each is walked once, under its own package.
  takers = optionsTakers(publicEntryPoints()).filter((t) => !t.id.startsWith('mindts '));
}, 120_000);

afterAll(() => {
  console.log(
    `options walk: ${takers.length} public callables take options; ${counts.walked} walked, ${counts.rejected} rejected an unknown key, ${counts.leaks} leaked; ${Object.keys(EXEMPT).length} exempt`,
  );
  console.log(
    `options fields walk: ${fieldCounts.fields} options fields walked, ${fieldCounts.calls} calls: ${fieldCounts.clear} clear errors, ${fieldCounts.nullDefault} null taken as the default, ${fieldCounts.negativeAccepted} -1 accepted (NEGATIVE_OK), ${fieldCounts.documented} documented acceptances, ${fieldCounts.failures} failures (silent acceptances, unclear errors, leaks); ${fieldCounts.otherTyped} fields of other types (Tensors, initializers, unions, callbacks) not walked; ${Object.keys(FIELD_EXEMPT).length} callables exempt`,
  );
});

describe('every public options object rejects an unknown key', () => {
  it('has a recipe (or a stated exemption) for every callable that takes options', () => {
    const missing = takers.map((t) => t.id).filter((id) => !(id in RECIPES) && !(id in EXEMPT));
    expect(missing).toEqual([]);
  });

  it('throws a TypeError naming the key, and leaks nothing', async () => {
    const failures: string[] = [];
    for (const [id, call] of Object.entries(RECIPES)) {
      counts.walked++;
      const before = memory();
      let error: unknown;
      try {
        await call({ [PROBE]: 1 });
      } catch (e) {
        error = e;
      }
      for (const t of made.splice(0)) t.dispose();
      if (error instanceof TypeError && error.message.includes(`'${PROBE}'`)) counts.rejected++;
      else failures.push(`${id}: ${error === undefined ? 'accepted the unknown key' : `threw ${String(error)}`}`);
      const after = memory();
      if (after.numTensors !== before.numTensors) {
        counts.leaks++;
        failures.push(`${id}: ${after.numTensors - before.numTensors} tensor(s) leaked`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('every known options key refuses a bad value', () => {
  it('throws a clear error or takes a documented default, and leaks nothing', async () => {
    const failures: string[] = [];
    for (const taker of takers) {
      const call = RECIPES[taker.id];
      if (!call || taker.id in FIELD_EXEMPT) continue;
      for (const field of taker.fields) {
        const values = badValues(field.kind);
        if (values.length === 0) {
          fieldCounts.otherTyped++;
          continue;
        }
        fieldCounts.fields++;
        for (const bad of values) {
          const outcome = await tryField(call, field, bad.value);
          fieldCounts.calls++;
          const where = `${taker.id} { ${field.key}: ${bad.name} }`;
          if (outcome.leaked) failures.push(`${where}: leaked ${outcome.leaked} tensor(s)`);
          if (outcome.error !== undefined) {
            const message = outcome.error instanceof Error ? outcome.error.message : '';
            if (!(outcome.error instanceof Error) || isUnclear(message)) failures.push(`${where}: unclear error ${String(outcome.error)}`);
            else fieldCounts.clear++;
          } else if (bad.kind === 'null') fieldCounts.nullDefault++;
          else if (bad.kind === 'negative' && field.key in NEGATIVE_OK) fieldCounts.negativeAccepted++;
          else if (`${taker.id} ${field.key} ${bad.name}` in DOCUMENTED) fieldCounts.documented++;
          else failures.push(`${where}: accepted silently`);
        }
      }
    }
    fieldCounts.failures = failures.length;
    expect(failures).toEqual([]);
  }, 300_000);
});

/** Calls `call` with `{ [field.key]: value }`, frees what it returned and what it made, and counts leaked tensors. */
async function tryField(call: (o: unknown) => unknown, field: OptionField, value: unknown): Promise<{ error: unknown; leaked: number }> {
  const before = memory().numTensors;
  let error: unknown;
  try {
    release(await call({ [field.key]: value }));
  } catch (e) {
    error = e;
  }
  for (const t of made.splice(0)) t.dispose();
  return { error, leaked: Math.max(0, memory().numTensors - before) };
}
