/**
 * The training progress display: on a terminal, one bar redrawn in place; elsewhere (CI logs,
 * pipes, files), a plain line every `every` steps and at the end of each epoch.
 */

/**
 * Where progress goes: `process.stdout` or anything with `write` (tests pass a recorder).
 * @example
 * const out: ProgressStream = process.stdout;
 */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * One step's numbers.
 * @example
 * const s: StepInfo = { epoch: 1, epochs: 5, step: 10, steps: 125, loss: 0.42, imagesPerSecond: 3200 };
 */
export interface StepInfo {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly steps: number;
  /** The mean loss of the epoch so far. */
  readonly loss: number;
  /** Images (or what `unit` names) per second. */
  readonly imagesPerSecond: number;
  /** What the rate counts: 'img' (default) or 'char'. */
  readonly unit?: string;
}

const BAR = 24;

/**
 * The progress line for a step, without line ending.
 * @example
 * formatProgress(s, true); // 'epoch 1/5 [##########..............] 52/125 loss 0.4213 3,210 img/s'
 */
export function formatProgress(s: StepInfo, bar: boolean): string {
  const filled = Math.round((BAR * s.step) / s.steps);
  const barText = bar ? ` [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}]` : '';
  const width = String(s.steps).length;
  const rate = Math.round(s.imagesPerSecond).toLocaleString('en-US');
  return `epoch ${s.epoch}/${s.epochs}${barText} ${String(s.step).padStart(width)}/${s.steps} loss ${s.loss.toFixed(4)} ${rate} ${s.unit ?? 'img'}/s`;
}

/**
 * Shows training progress on `stream`.
 * @example
 * const progress = new Progress(process.stdout);
 * progress.step({ epoch: 1, epochs: 1, step: 1, steps: 10, loss: 2.3, imagesPerSecond: 900 });
 * progress.line('epoch 1: test accuracy 91.20 %');
 */
export class Progress {
  readonly #stream: ProgressStream;
  readonly #every: number;
  #open = false;

  /** `every`: on a non-terminal, print one line per this many steps (and the last step of each epoch). */
  constructor(stream: ProgressStream, every = 25) {
    this.#stream = stream;
    this.#every = every;
  }

  /** Reports a step. */
  step(s: StepInfo): void {
    if (this.#stream.isTTY) {
      const text = formatProgress(s, true);
      const cols = this.#stream.columns ?? 100;
      // \r and clear-to-end redraw the bar in place.
      this.#stream.write(`\r${text.slice(0, cols - 1)}\x1b[K`);
      this.#open = true;
    } else if (s.step % this.#every === 0 || s.step === s.steps) {
      this.#stream.write(`${formatProgress(s, false)}\n`);
    }
  }

  /** Prints a whole line (ending the bar's line first on a terminal). */
  line(text: string): void {
    if (this.#open) this.#stream.write('\n');
    this.#open = false;
    this.#stream.write(`${text}\n`);
  }
}
