/**
 * A drawing → the 28×28 input the model was trained on. MNIST digits were size-normalised to fit
 * a 20×20 box (keeping their aspect ratio) and then centred by their centre of mass in 28×28;
 * a digit drawn anywhere on the pad, at any size, is prepared the same way, or the model would
 * see something unlike its training data.
 */
import { DIGIT_PIXELS } from './digitsAsset.js';

const SIDE = 28;
const BOX = 20;
/** Below this intensity (of 1) a pixel is background when finding the digit's bounding box. */
const INK = 0.1;

/**
 * Ink of each pixel in [0, 1] from RGBA bytes: the pad draws white strokes on black, as MNIST
 * stores digits (ink high), so the red channel is the ink.
 */
function inkOf(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = (rgba[4 * i] as number) / 255;
  return ink;
}

/** The smallest box holding every pixel above {@link INK}, or undefined for an empty drawing. */
function boundingBox(ink: Float32Array, width: number, height: number) {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((ink[y * width + x] as number) <= INK) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? undefined : { x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * The `[784]` pixels in [0, 1] (rows top to bottom) that MNIST would hold for the drawing in
 * `rgba` (`width × height` RGBA bytes, as `getImageData` returns them), or `undefined` when
 * nothing is drawn. The digit is scaled so its longer side is 20 pixels (area-averaged), then
 * placed so its centre of mass is at the centre of the 28×28 image.
 * @example
 * const pixels = toMnistPixels(ctx.getImageData(0, 0, 280, 280).data, 280, 280);
 * pixels?.length; // 784
 */
export function toMnistPixels(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Float32Array | undefined {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new RangeError(`toMnistPixels: width and height must be positive integers, but got ${width} × ${height}.`);
  }
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`toMnistPixels: rgba must hold ${width} × ${height} × 4 = ${width * height * 4} bytes, but holds ${rgba.length}.`);
  }
  const ink = inkOf(rgba, width, height);
  const box = boundingBox(ink, width, height);
  if (!box) return undefined;
  const scale = BOX / Math.max(box.w, box.h);
  const tw = Math.max(1, Math.round(box.w * scale));
  const th = Math.max(1, Math.round(box.h * scale));
  // Area averaging: every source pixel adds its ink to the target pixel it falls in.
  const sum = new Float32Array(tw * th);
  const count = new Float32Array(tw * th);
  for (let y = 0; y < box.h; y++) {
    const ty = Math.min(th - 1, Math.floor(y * scale));
    for (let x = 0; x < box.w; x++) {
      const t = ty * tw + Math.min(tw - 1, Math.floor(x * scale));
      sum[t] = (sum[t] as number) + (ink[(box.y0 + y) * width + box.x0 + x] as number);
      count[t] = (count[t] as number) + 1;
    }
  }
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const i = y * tw + x;
      const v = (count[i] as number) > 0 ? (sum[i] as number) / (count[i] as number) : 0;
      sum[i] = v;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  // Shift so the centre of mass lands on the image centre, keeping the whole digit inside.
  const clampShift = (s: number, size: number) => Math.min(SIDE - size, Math.max(0, s));
  const ox = clampShift(Math.round(SIDE / 2 - mx / mass), tw);
  const oy = clampShift(Math.round(SIDE / 2 - my / mass), th);
  const out = new Float32Array(DIGIT_PIXELS);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) out[(oy + y) * SIDE + ox + x] = Math.min(1, sum[y * tw + x] as number);
  }
  return out;
}
