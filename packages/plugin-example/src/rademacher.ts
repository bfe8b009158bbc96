/**
 * `Rademacher`, a plugin initializer: every value is `+scale` or `−scale` with probability ½.
 * Its variance is exactly `scale²` (no sampling noise in the spread, only in the signs), and
 * the default `scale = 1/√fanIn` gives LeCun's variance `1/fanIn`, which suits smooth
 * activations such as mish.
 */
import { calculateFanInAndFanOut, Initializer, type InitializerOptions, type RandomKey } from '@mindts/initializer';
import { checkOptions, type DType } from '@mindts/tensor';
import { randomBits, shapeString, sizeOf } from '@mindts/tensor/backend';

/**
 * Options of {@link Rademacher}.
 * @example
 * new Rademacher({ scale: 0.5, seed: 7 });
 */
export interface RademacherOptions extends InitializerOptions {
  /** The magnitude of every value (default `1/√fanIn`, which needs a shape of rank ≥ 2). */
  scale?: number;
}

/**
 * Random signs times `scale` (name 'rademacher' once `registerPluginExample()` ran). One draw per
 * element from the shared counter-based stream, so a seed gives the same values on every backend.
 * @example
 * initializer(new Rademacher({ seed: 1 }), [4, 16]); // every value ±0.25
 * initializer('rademacher', [4, 16], 'float32');
 */
export class Rademacher extends Initializer {
  /** The magnitude, or undefined for `1/√fanIn` of each shape. */
  readonly scale: number | undefined;

  constructor(options: RademacherOptions = {}) {
    super(checkOptions<RademacherOptions>(options, 'Rademacher', { scale: true, seed: true }));
    const { scale } = options;
    if (scale !== undefined && (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0)) {
      throw new RangeError(`For Rademacher initializer, the argument 'scale' must be a finite number > 0, but got ${String(scale)}.`);
    }
    this.scale = scale;
  }

  /**
   * The magnitude of the values for `shape`.
   * @example
   * new Rademacher().scaleFor([4, 16]); // 0.25
   */
  scaleFor(shape: readonly number[]): number {
    if (this.scale !== undefined) return this.scale;
    const [fanIn] = calculateFanInAndFanOut(shape);
    return 1 / Math.sqrt(fanIn);
  }

  /**
   * Refuses a shape without a fan-in when no scale was given, when `initializer()` is called
   * rather than when the tensor is first used, far from the cause.
   * @example
   * new Rademacher().checkShape([5]); // RangeError: … needs a shape of rank >= 2 …
   */
  override checkShape(shape: readonly number[]): void {
    if (this.scale !== undefined) return;
    if (shape.length < 2) {
      throw new RangeError(
        `For Rademacher initializer, the default scale 1/√fanIn needs a shape of rank >= 2, but got shape ${shapeString(shape)}; pass { scale } for it.`,
      );
    }
  }

  /**
   * `±scale` per element, the sign from draw i's first counter.
   * @example
   * new Rademacher({ scale: 1 }).initialize([2, 2], 'float32', { seed: 1, offset: 0 }); // four of ±1
   */
  initialize(shape: readonly number[], _dtype: DType, key: RandomKey): Float64Array {
    const n = sizeOf(shape);
    const out = new Float64Array(n);
    if (n === 0) return out;
    const s = this.scaleFor(shape);
    // Draw i owns counters offset + 2i and offset + 2i + 1; its top bit is a fair coin.
    for (let i = 0; i < n; i++) out[i] = randomBits(key.seed, key.offset + 2 * i) >>> 31 ? s : -s;
    return out;
  }
}
