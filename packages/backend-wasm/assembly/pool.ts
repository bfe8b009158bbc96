// Max and average pooling of float32 NCHW planes. Windows are clipped to the image first, so
// the inner loops never test for padding; averages accumulate in float64 and divide by the
// number of real cells, as the reference does, so results agree exactly.
// A scalar kernel for now: strided windows do not map onto f32x4 loads without gathers.

export function pool2dF32(
  isMax: i32,
  x: usize,
  planes: i32,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  pt: i32,
  pl: i32,
  oh: i32,
  ow: i32,
  out: usize,
): void {
  for (let plane = 0; plane < planes; plane++) {
    const base = x + (<usize>plane * <usize>h * <usize>w << 2);
    for (let i = 0; i < oh; i++) {
      const h0 = max(i * sh - pt, 0);
      const h1 = min(i * sh - pt + kh, h);
      for (let j = 0; j < ow; j++) {
        const w0 = max(j * sw - pl, 0);
        const w1 = min(j * sw - pl + kw, w);
        let result: f32;
        if (isMax != 0) {
          let acc: f32 = -Infinity;
          for (let y = h0; y < h1; y++) {
            const row = base + (<usize>y * <usize>w << 2);
            for (let xx = w0; xx < w1; xx++) {
              const v = load<f32>(row + (<usize>xx << 2));
              // The first NaN sticks: nothing compares greater than NaN.
              acc = v > acc || v != v ? v : acc;
            }
          }
          result = acc;
        } else {
          let acc: f64 = 0;
          for (let y = h0; y < h1; y++) {
            const row = base + (<usize>y * <usize>w << 2);
            for (let xx = w0; xx < w1; xx++) acc += <f64>load<f32>(row + (<usize>xx << 2));
          }
          result = <f32>(acc / <f64>((h1 - h0) * (w1 - w0)));
        }
        store<f32>(out, result);
        out += 4;
      }
    }
  }
}
