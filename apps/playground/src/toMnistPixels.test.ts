import { describe, expect, it } from 'vitest';
import { toMnistPixels } from './toMnistPixels.js';

/** An RGBA image of `w × h`, black, with white where `ink(x, y)` is true. */
function image(w: number, h: number, ink: (x: number, y: number) => boolean): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink(x, y)) rgba.fill(255, 4 * (y * w + x), 4 * (y * w + x) + 4);
  return rgba;
}

/** The box of the pixels above 0.5, and the centre of mass, of a 28×28 image. */
function shape(pixels: Float32Array) {
  let [x0, y0, x1, y1, mass, mx, my] = [28, 28, -1, -1, 0, 0, 0];
  pixels.forEach((v, i) => {
    const [x, y] = [i % 28, Math.floor(i / 28)];
    mass += v;
    mx += v * (x + 0.5);
    my += v * (y + 0.5);
    if (v <= 0.5) return;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  });
  return { width: x1 - x0 + 1, height: y1 - y0 + 1, cx: mx / mass, cy: my / mass };
}

describe('toMnistPixels', () => {
  it('gives nothing for an empty pad', () => {
    expect(
      toMnistPixels(
        image(280, 280, () => false),
        280,
        280,
      ),
    ).toBeUndefined();
  });

  it('scales a digit so its longer side is 20 pixels, keeping its aspect ratio', () => {
    // A 40 × 120 bar: 20 pixels tall after scaling, about 7 wide.
    const pixels = toMnistPixels(
      image(280, 280, (x, y) => x >= 100 && x < 140 && y >= 60 && y < 180),
      280,
      280,
    ) as Float32Array;
    expect(pixels).toHaveLength(784);
    const s = shape(pixels);
    expect(s.height).toBe(20);
    expect(s.width).toBeGreaterThanOrEqual(6);
    expect(s.width).toBeLessThanOrEqual(8);
    expect(Math.max(...pixels)).toBe(1);
    expect(Math.min(...pixels)).toBe(0);
  });

  it('centres the digit by its centre of mass wherever it was drawn', () => {
    // A small L in the top left corner of the pad.
    const ell = (x: number, y: number) => (x >= 10 && x < 16 && y >= 10 && y < 50) || (x >= 10 && x < 40 && y >= 44 && y < 50);
    const s = shape(toMnistPixels(image(280, 280, ell), 280, 280) as Float32Array);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it('checks its arguments, naming them', () => {
    expect(() => toMnistPixels(new Uint8ClampedArray(12), 2, 2)).toThrow('rgba must hold 2 × 2 × 4 = 16 bytes, but holds 12');
    expect(() => toMnistPixels(new Uint8ClampedArray(0), 0, 2)).toThrow('width and height must be positive integers, but got 0 × 2');
  });
});
