/**
 * The backends the page offers and how one becomes active: the user's choice first, then the
 * rest of DESIGN §6's chain (gpu.js on a GPU mode → wasm → cpu), every step that did not work
 * shown with its reason rather than a silent switch.
 */
import { cpu } from '@mindts/backend-cpu';
import { gpujs } from '@mindts/backend-gpujs';
import { wasm } from '@mindts/backend-wasm';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import type { Backend } from '@mindts/tensor/backend';

/**
 * What the user can pick: `auto` is gpu.js on the best GPU mode that works (WebGPU, WebGL2,
 * WebGL), the others one backend each.
 * @example
 * const choice: BackendChoice = 'gpujs-webgl2';
 */
export type BackendChoice = 'auto' | 'gpujs-webgpu' | 'gpujs-webgl2' | 'wasm' | 'cpu';

/** The choices, in the order the page lists them. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'gpujs-webgpu', 'gpujs-webgl2', 'wasm', 'cpu'];

/** What the page's select says for each choice. */
export const BACKEND_LABELS: Readonly<Record<BackendChoice, string>> = {
  auto: 'auto: best gpu.js GPU mode → wasm → cpu',
  'gpujs-webgpu': 'gpu.js WebGPU',
  'gpujs-webgl2': 'gpu.js WebGL2',
  wasm: 'WebAssembly SIMD (wasm)',
  cpu: 'CPU (TypeScript reference)',
};

/** The registry name of each choice (`auto` registers gpu.js as `gpujs`). */
const NAMES: Record<BackendChoice, string> = {
  auto: 'gpujs',
  'gpujs-webgpu': 'gpujs-webgpu',
  'gpujs-webgl2': 'gpujs-webgl2',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** What is tried after each choice when it does not start: the rest of the default chain. */
const NEXT: Record<BackendChoice, readonly BackendChoice[]> = {
  auto: ['wasm', 'cpu'],
  'gpujs-webgpu': ['gpujs-webgl2', 'wasm', 'cpu'],
  'gpujs-webgl2': ['wasm', 'cpu'],
  wasm: ['cpu'],
  cpu: [],
};

/** Registers `choice` under its name (each call typed by its own backend). */
function register(choice: BackendChoice): void {
  const name = NAMES[choice];
  switch (choice) {
    case 'auto':
      registerBackend(gpujs({ name, requireGpu: true }));
      return;
    case 'gpujs-webgpu':
      registerBackend(gpujs({ name, mode: 'webgpu' }));
      return;
    case 'gpujs-webgl2':
      registerBackend(gpujs({ name, mode: 'webgl2' }));
      return;
    case 'wasm':
      registerBackend(wasm({ name }));
      return;
    case 'cpu':
      registerBackend(cpu({ name }));
      return;
  }
}

/**
 * The backend that runs after {@link activateBackend}, and how it came to.
 * @example
 * const { name, fellBack, summary }: ActiveBackend = await activateBackend('gpujs-webgpu');
 */
export interface ActiveBackend {
  /** What the user asked for. */
  readonly requested: BackendChoice;
  /** What runs: the request, or the first of the chain after it that started. */
  readonly choice: BackendChoice;
  /** Its registry name. */
  readonly name: string;
  /** Each choice tried before it, with why it did not start. */
  readonly fellBack: readonly { readonly choice: BackendChoice; readonly reason: string }[];
  /** The backend's own account: `explain().summary` (mode and why, threads, fallbacks). */
  readonly summary: string;
}

function checkChoice(choice: unknown): asserts choice is BackendChoice {
  if (!BACKEND_CHOICES.includes(choice as BackendChoice)) {
    throw new TypeError(`activateBackend: choice must be one of ${BACKEND_CHOICES.join(', ')}, but got ${JSON.stringify(choice)}.`);
  }
}

/**
 * What a backend says about itself: `explain().summary` where it has one (gpu.js, wasm).
 * @example
 * describeBackend(getBackend()); // "gpujs-webgl2: gpu.js mode 'webgl2', float32 …"
 */
export function describeBackend(backend: Backend): string {
  const explain = (backend as { explain?: () => { summary?: unknown } }).explain;
  const summary = typeof explain === 'function' ? explain.call(backend).summary : undefined;
  return typeof summary === 'string' ? summary : `${backend.name}: the pure-TypeScript reference kernels on typed arrays`;
}

/**
 * Makes `choice` the active backend, or else the first of the rest of the default chain that
 * starts (`gpujs-webgpu` → `gpujs-webgl2` → `wasm` → `cpu`), registering each as it is tried.
 * A backend that failed to start is removed, so asking again retries it.
 * @example
 * const active = await activateBackend('gpujs-webgpu');
 * if (active.fellBack.length) console.log(`${active.fellBack[0].reason}; running on ${active.name}`);
 */
export async function activateBackend(choice: BackendChoice): Promise<ActiveBackend> {
  checkChoice(choice);
  const fellBack: { choice: BackendChoice; reason: string }[] = [];
  for (const candidate of [choice, ...NEXT[choice]]) {
    const name = NAMES[candidate];
    if (!listBackends().includes(name)) register(candidate);
    try {
      await setBackend(name);
      return { requested: choice, choice: candidate, name, fellBack, summary: describeBackend(getBackend()) };
    } catch (err) {
      removeBackend(name);
      fellBack.push({ choice: candidate, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No backend could start: ${fellBack.map((f) => `${f.choice}: ${f.reason}`).join('; ')}.`);
}

/**
 * Removes every page backend except `keep` (their tensors must have been moved off first), so a
 * switch frees the previous one's GPU memory and WebGL context.
 * @example
 * releaseBackendsExcept('cpu');
 */
export function releaseBackendsExcept(keep: string): void {
  const ours = new Set(Object.values(NAMES));
  for (const name of listBackends()) if (name !== keep && ours.has(name)) removeBackend(name);
}
