/**
 * The bad-input walk: every public export of every published package (found at run time from the
 * packages' `exports` maps, so a new export cannot slip past) is called with bad arguments — a
 * fixed list of the kinds that broke before and more from fast-check — one argument at a time in
 * an otherwise valid call (badInputs.ts). Every call must succeed or throw an Error with a clear
 * message, leave its inputs unchanged when it throws, leak no tensor and no backend byte, and
 * finish within a time bound. It runs on cpu, and the ops again on wasm. The backend- and
 * test-author API (AUTHOR_API) is held to the same rule and its counts are printed apart.
 * Prints its counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpu } from '../../../packages/backend-cpu/src/index.js';
import { wasm } from '../../../packages/backend-wasm/src/index.js';
import {
  getBackendName,
  getSeed,
  listBackends,
  memory,
  registerBackend,
  setBackend,
  setDebug,
  setSeed,
  Tensor,
  tensor,
} from '../../../packages/tensor/src/index.js';
import { setTraceHooks } from '../../../packages/tensor/src/backend.js';
import { baseArgs } from './authorBases.js';
import { BAD_VALUES, type Bad, generatedBadValues, made, T } from './badInputs.js';
import { publicEntryPoints } from './publicApi.js';
import { isUnclear, release } from './walkSupport.js';

/** Exports the walk does not call, and why. */
const EXEMPT: Record<string, string> = {
  '@mindts/tensor registerBackend': 'changes the process-wide backend list; its checks are in backendRegistry tests',
  '@mindts/tensor removeBackend': 'changes the process-wide backend list (could remove cpu mid-walk)',
  '@mindts/tensor setAsyncContext': 'replaces the process-wide scope storage; its checks are in scope.test.ts',
  '@mindts/ops registerGradient': 'changes the process-wide gradient table',
  '@mindts/ops/testing describeConformance': 'registers vitest suites, which cannot be done inside a test',
  '@mindts/datasets loadMnist': 'downloads or reads the MNIST files',
  'mindts useDefaultBackends': 'registers process-wide backends',
  '@mindts/cell nn.RNNBase': 'an abstract base with a protected constructor, walked through nn.RNN, nn.LSTM and nn.GRU',
  '@mindts/cell nn.RNNCellBase': 'an abstract base with a protected constructor, walked through nn.RNNCell, nn.LSTMCell and nn.GRUCell',
};

/**
 * The backend- and test-author API: the SPI (`@mindts/tensor/backend`), the backends' exported
 * helpers and classes, kernel functions and test helpers. They check their arguments at their
 * entry (O(1) checks where a helper runs per kernel or per element) and are held to the same rule
 * as the user-facing exports; their counts are printed on a line of their own.
 */
const AUTHOR_API =
  /^@mindts\/(tensor\/backend|ops\/testing|jit\/testing) |^@mindts\/backend-(cpu|wasm|gpujs) (?!(cpu|wasm|gpujs)$)|^@mindts\/plugin-example mish|^@mindts\/jit graph(Text|Dot)$|^@mindts\/ops wants$/;

/** Single calls not made (`export|bad value|position`), and why. */
const SKIP: Record<string, string> = {
  '@mindts/checkpoint CheckpointError|Symbol|0': "the platform's Error constructor itself throws for a Symbol message",
  '@mindts/jit JitError|Symbol|0': "the platform's Error constructor itself throws for a Symbol message",
  '@mindts/onnx OnnxExportError|Symbol|0': "the platform's Error constructor itself throws for a Symbol message",
  '@mindts/cell nn.Transformer|undefined|0':
    'undefined options is the valid default model (dModel 512, 6 + 6 layers, 44M parameters), whose build takes seconds on a small machine',
};

const TIME_BOUND_MS = 2000;

interface Callable {
  readonly id: string;
  readonly fn: (...args: unknown[]) => unknown;
  readonly isClass: boolean;
}

const counts = { exports: 0, calls: 0, clear: 0, accepted: 0, unclear: 0, leaks: 0, partial: 0, slow: 0 };
const failures: string[] = [];
/** The author API's share of the counts (AUTHOR_API), printed on a line of its own. */
const author = { exports: 0, calls: 0, clear: 0, accepted: 0, unclear: 0, leaks: 0, partial: 0, slow: 0 };

function flag(id: string, kind: 'unclear' | 'leaks' | 'partial' | 'slow', text: string): void {
  counts[kind]++;
  if (AUTHOR_API.test(id)) author[kind]++;
  failures.push(text);
}

/** Counts an outcome that is not a finding (a call, a clear error, an acceptance). */
function tally(id: string, kind: 'calls' | 'clear' | 'accepted'): void {
  counts[kind]++;
  if (AUTHOR_API.test(id)) author[kind]++;
}
let callables: Callable[] = [];

async function publicCallables(): Promise<Callable[]> {
  const seen = new Set<unknown>();
  const out: Callable[] = [];
  const walk = (mod: Record<string, unknown>, entry: string, prefix: string): void => {
    for (const name of Object.keys(mod).sort()) {
      const value = mod[name];
      if (Object.prototype.toString.call(value) === '[object Module]') {
        walk(value as Record<string, unknown>, entry, `${prefix}${name}.`);
        continue;
      }
      if (typeof value !== 'function' || seen.has(value)) continue;
      seen.add(value);
      const isClass = /^class\b/.test(Function.prototype.toString.call(value));
      out.push({ id: `${entry} ${prefix}${name}`, fn: value as Callable['fn'], isClass });
    }
  };
  // The umbrella last: its re-exports are the same functions, walked under their own package.
  const entries = publicEntryPoints().sort((a, b) => Number(a.name === 'mindts') - Number(b.name === 'mindts'));
  for (const entry of entries) {
    if (!entry.file) continue;
    walk((await import(entry.file)) as Record<string, unknown>, entry.name, '');
  }
  return out;
}

/** The values of every live Tensor among the arguments (Parameters, arrays of them, a Cell's). */
function snapshot(args: readonly unknown[]): Map<Tensor, number[]> {
  const snaps = new Map<Tensor, number[]>();
  const visit = (v: unknown, depth: number): void => {
    if (v instanceof Tensor) {
      if (!v.isDisposed && !snaps.has(v)) snaps.set(v, Array.from(v.dataSync() as ArrayLike<number>, Number));
    } else if (Array.isArray(v) && depth < 2) {
      for (const e of v) visit(e, depth + 1);
    } else if (v && typeof v === 'object' && 'trainableParams' in v && typeof v.trainableParams === 'function') {
      for (const p of (v as { trainableParams(): unknown[] }).trainableParams()) visit(p, depth + 1);
    }
  };
  for (const a of args) visit(a, 0);
  return snaps;
}

function changed(snaps: Map<Tensor, number[]>): boolean {
  for (const [t, before] of snaps) {
    if (t.isDisposed) continue;
    const now = Array.from(t.dataSync() as ArrayLike<number>, Number);
    if (now.length !== before.length || now.some((v, i) => !Object.is(v, before[i]))) return true;
  }
  return false;
}

async function settle(value: unknown): Promise<unknown> {
  if (!(value instanceof Promise)) return value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`__slow__`)), TIME_BOUND_MS);
  });
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function callOnce(c: Callable, position: number, bad: Bad, backend: string): Promise<void> {
  const where = `${c.id} [${backend}] arg ${position} = ${bad.name}`;
  const before = memory();
  const seed = getSeed();
  let args: unknown[];
  try {
    args = baseArgs(c.id, c.fn.length);
  } catch (e) {
    failures.push(`${c.id}: the base arguments failed: ${String(e)}`);
    return;
  }
  args[position] = bad.make();
  const snaps = snapshot(args);
  let result: unknown;
  let error: unknown;
  const t0 = performance.now();
  try {
    result = await settle(c.isClass ? new (c.fn as unknown as new (...a: unknown[]) => unknown)(...args) : c.fn(...args));
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  tally(c.id, 'calls');
  if (ms > TIME_BOUND_MS) {
    flag(c.id, 'slow', `${where}: took ${ms.toFixed(0)} ms`);
  }
  if (error === undefined) {
    tally(c.id, 'accepted');
    release(result);
  } else {
    const message = error instanceof Error ? error.message : '';
    if (!(error instanceof Error) || isUnclear(message)) {
      flag(
        c.id,
        'unclear',
        `${where}: unclear error ${error instanceof Error ? `${error.name}: ${message}` : `non-Error ${String(error)}`}`,
      );
    } else tally(c.id, 'clear');
    if (changed(snaps)) {
      flag(c.id, 'partial', `${where}: threw but changed an input`);
    }
  }
  for (const m of made.splice(0)) m.dispose();
  const after = memory();
  // Fewer tensors after than before is the FinalizationRegistry freeing earlier garbage while an
  // async call let the event loop turn, not something this call did.
  if (after.numTensors > before.numTensors || after.numBytes > before.numBytes) {
    flag(
      c.id,
      'leaks',
      `${where}: leaked ${after.numTensors - before.numTensors} tensor(s), ${after.numBytes - before.numBytes} byte(s) (${error === undefined ? 'accepted' : 'threw'})`,
    );
  }
  // Process-wide settings a bad call may have changed.
  if (getBackendName() !== backend) await setBackend(backend);
  setSeed(seed);
  setDebug(false);
  setTraceHooks(undefined);
}

async function walk(list: readonly Callable[], values: readonly Bad[], backend: string): Promise<void> {
  for (const c of list) {
    const width = baseArgs(c.id, c.fn.length).length;
    for (const m of made.splice(0)) m.dispose();
    for (let position = 0; position < width; position++) {
      for (const bad of values) {
        if (`${c.id}|${bad.name}|${position}` in SKIP) continue;
        try {
          await callOnce(c, position, bad, backend);
        } catch (e) {
          flag(c.id, 'unclear', `${c.id} [${backend}] arg ${position} = ${bad.name}: broke the walk itself: ${String(e)}`);
          for (const m of made.splice(0)) m.dispose();
          if (getBackendName() !== backend) await setBackend(backend);
        }
      }
    }
  }
}

/** Where the walk runs: bad path strings ("abc") given to savers land in a temporary folder. */
let cwd = '';
let sandbox = '';

beforeAll(async () => {
  cwd = process.cwd();
  sandbox = mkdtempSync(join(tmpdir(), 'mindts-bad-input-'));
  process.chdir(sandbox);
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
  await setBackend('cpu');
  callables = (await publicCallables()).filter((c) => !(c.id in EXEMPT));
  counts.exports = callables.length;
  author.exports = callables.filter((c) => AUTHOR_API.test(c.id)).length;
}, 120_000);

afterAll(async () => {
  process.chdir(cwd);
  rmSync(sandbox, { recursive: true, force: true });
  await setBackend('cpu');
  console.log(
    `bad-input walk: ${counts.exports} exports, ${counts.calls} calls: ${counts.clear} clear errors, ${counts.accepted} accepted, ${counts.unclear} unclear errors, ${counts.leaks} leaks, ${counts.partial} partial updates, ${counts.slow} slow calls (> ${TIME_BOUND_MS} ms); ${Object.keys(EXEMPT).length} exempt exports, ${Object.keys(SKIP).length} skipped calls`,
  );
  console.log(
    `bad-input walk, of which author API: ${author.exports} exports, ${author.calls} calls: ${author.clear} clear errors, ${author.accepted} accepted, ${author.unclear} unclear errors, ${author.leaks} leaks, ${author.partial} partial updates, ${author.slow} slow calls`,
  );
  // One line per export and kind of finding, with its first example.
  for (const [title, list] of [['failures', failures]] as const) {
    const groups = new Map<string, { n: number; first: string }>();
    for (const f of list) {
      const key = `${f.slice(0, f.indexOf(' arg '))} ${/: (unclear error|leaked|threw but|took|broke the walk)/.exec(f)?.[1] ?? ''}`;
      const g = groups.get(key) ?? { n: 0, first: f };
      g.n++;
      groups.set(key, g);
    }
    if (groups.size) console.log(`${title}:\n${[...groups.values()].map((g) => `  ${g.n}× ${g.first.slice(0, 240)}`).join('\n')}`);
  }
});

describe('every public export under bad arguments', () => {
  it('flags what it must (a self-check on deliberately faulty callables)', async () => {
    const faulty: Callable[] = [
      // Fails deep inside: "Cannot read properties of null".
      { id: 'selfcheck unclear', fn: (a) => (a as { x: { y: number } }).x.y, isClass: false },
      // The same in the author API: a failure too, counted on the author line as well.
      { id: '@mindts/tensor/backend selfcheck', fn: (a) => (a as { x: { y: number } }).x.y, isClass: false },
      // Makes a tensor and throws without freeing it.
      {
        id: 'selfcheck leak',
        fn: () => {
          tensor([1]);
          throw new RangeError('selfcheck: a clear message');
        },
        isClass: false,
      },
      // Writes into its input, then throws.
      {
        id: 'selfcheck partial',
        fn: (a) => {
          if (a instanceof Tensor) a.setItem(0, 7);
          throw new RangeError('selfcheck: a clear message');
        },
        isClass: false,
      },
    ];
    const before = { ...counts };
    const authorBefore = { ...author };
    const kept = failures.length;
    await walk(
      faulty,
      [
        { name: 'null', make: () => null },
        { name: 'float Tensor', make: () => T([1, 2]) },
      ],
      'cpu',
    );
    expect(counts.unclear - before.unclear).toBe(4);
    expect(author.unclear - authorBefore.unclear).toBe(2);
    expect(counts.leaks - before.leaks).toBe(2);
    expect(counts.partial - before.partial).toBe(1);
    // The self-check's findings are not the walk's: take them back out.
    failures.splice(kept);
    Object.assign(counts, before);
    Object.assign(author, authorBefore);
  });

  it('fails clearly, atomically, without leaks and fast (cpu; fixed and generated values)', async () => {
    await walk(callables, [...BAD_VALUES, ...generatedBadValues(8, 20)], 'cpu');
    expect(failures).toEqual([]);
  }, 300_000);

  it('the ops do the same on wasm', async () => {
    await setBackend('wasm');
    try {
      await walk(
        callables.filter((c) => c.id.startsWith('@mindts/ops ')),
        BAD_VALUES,
        'wasm',
      );
    } finally {
      await setBackend('cpu');
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
