/**
 * The canvas the user draws a digit on: white round strokes on black (as MNIST stores digits),
 * by mouse, pen or touch, reporting each finished stroke.
 */
import { DIGIT_PIXELS } from './digitsAsset.js';
import { toMnistPixels } from './toMnistPixels.js';

/**
 * A drawing pad on `canvas`; `onStroke` runs after each stroke with the pixels the model sees.
 * @example
 * const pad = new DrawPad(canvas, (pixels) => predict(pixels));
 * pad.clear();
 */
export class DrawPad {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onStroke: (pixels: Float32Array) => void,
  ) {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('DrawPad: the canvas gave no 2D context.');
    this.ctx = ctx;
    this.clear();
    canvas.addEventListener('pointerdown', (e) => this.start(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const type of ['pointerup', 'pointerleave', 'pointercancel'] as const) canvas.addEventListener(type, () => this.end());
  }

  /** The point of `e` in canvas pixels (the canvas may be shown scaled). */
  private at(e: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * this.canvas.width) / r.width, ((e.clientY - r.top) * this.canvas.height) / r.height];
  }

  private start(e: PointerEvent): void {
    this.drawing = true;
    this.canvas.setPointerCapture?.(e.pointerId);
    const [x, y] = this.at(e);
    const { ctx } = this;
    // A stroke about as thick, relative to the digit, as MNIST's pen: 1/12 of the pad.
    ctx.lineWidth = this.canvas.width / 12;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#fff';
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x, y);
    ctx.stroke();
  }

  private move(e: PointerEvent): void {
    if (!this.drawing) return;
    const [x, y] = this.at(e);
    this.ctx.lineTo(x, y);
    this.ctx.stroke();
  }

  private end(): void {
    if (!this.drawing) return;
    this.drawing = false;
    const pixels = this.pixels();
    if (pixels) this.onStroke(pixels);
  }

  /** The drawing as the model's 784 pixels, or undefined when the pad is empty. */
  pixels(): Float32Array | undefined {
    const { width, height } = this.canvas;
    return toMnistPixels(this.ctx.getImageData(0, 0, width, height).data, width, height);
  }

  /** Clears the pad to black. */
  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /**
   * Shows a 28×28 digit (784 values in [0, 1]), scaled up to the pad, for example a held-out one.
   * @example
   * pad.show(digits.test.images.subarray(0, 784));
   */
  show(pixels: Float32Array): void {
    if (pixels.length !== DIGIT_PIXELS)
      throw new RangeError(`DrawPad.show: pixels must hold ${DIGIT_PIXELS} values, but holds ${pixels.length}.`);
    const cell = this.canvas.width / 28;
    this.clear();
    pixels.forEach((v, i) => {
      const g = Math.round(255 * v);
      this.ctx.fillStyle = `rgb(${g},${g},${g})`;
      this.ctx.fillRect((i % 28) * cell, Math.floor(i / 28) * cell, cell, cell);
    });
  }
}
