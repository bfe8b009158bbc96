/**
 * Small templates for gpu.js kernel sources. Every kernel is a string built here from shapes
 * and strides known at compile time (never `Function.prototype.toString`, so minifiers cannot
 * break it). Index arithmetic is float32 (`floor((r + 0.5) / d)`, exact below
 * `MAX_DEVICE_ELEMENTS`), which every gpu.js mode supports.
 */
import { stridesOf } from '@mindts/tensor/backend';

/**
 * A number as a float literal gpu.js types as Number (`3` would be an Integer literal).
 * @example
 * lit(3); // '3.0'
 */
export function lit(x: number): string {
  // WGSL has no literal for these and rejects constant divisions by zero: pass them as arguments.
  if (!Number.isFinite(x)) throw new RangeError(`kernel sources take finite constants only, but got ${x}.`);
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * The source of an elementwise kernel: `element(flat)` gives statements that set `y` for the
 * output element at flat index `flat`. One element per thread, or with `lanes` (WebGPU's
 * four-wide kernels) the elements `lanes·thread.x …` each in a block of its own, so the lanes'
 * local names do not clash, returned together.
 * @example
 * elementwiseSource(['a'], (i) => `let y = a[${i}] * 2.0;`, 4);
 */
export function elementwiseSource(args: readonly string[], element: (flat: string) => string, lanes?: number): string {
  if (!lanes) return kernelSource(args, `${element('this.thread.x')}\n  return y;`);
  const ids = Array.from({ length: lanes }, (_, l) => l);
  return kernelSource(
    args,
    [
      ...ids.map((l) => `let lane${l} = 0.0;`),
      // Integer index arithmetic (no float literal), so gpu.js indexes with it directly.
      ...ids.map((l) => `{\n  ${element(`this.thread.x * ${lanes}${l === 0 ? '' : ` + ${l}`}`)}\n  lane${l} = y;\n  }`),
      `return [${ids.map((l) => `lane${l}`).join(', ')}];`,
    ].join('\n  '),
  );
}

/** A GLSL function a kernel source calls (a gpu.js native function), as {@link LaunchPlan.natives} takes it. */
export interface NativeFunction {
  readonly name: string;
  readonly source: string;
  readonly returnType?: 'Number' | 'Array(4)';
}

/**
 * How an elementwise kernel reads its inputs for output element `flat` of `outShape`: `read[k]`
 * is input k's value there, after the statements `prelude` (the output coordinates, emitted only
 * when a read needs them). With `direct` (WebGL2, one element per thread), an input of the
 * output's shape is read as the texel under the fragment being written (`texelFetch` at
 * `gl_FragCoord`): gpu.js sizes a flat texture by its length alone, so the two textures have the
 * same layout, and the read needs none of the integer division and modulo a gpu.js read `x[i]`
 * spends on finding the texel; a one-element input (a scalar) is its texel (0, 0); an input in
 * the `blocked` form (`blocked[k]`, WebGL2; passed as the four arguments `${name}p0 … 3`) is read
 * in its part for the fragment's row (the output's leading dims taken together as rows), so its
 * unpack never runs. Other inputs broadcast by
 * coordinates.
 * @example
 * const { prelude, read, natives } = elementReads(['a', 'b'], [[4, 3], [3]], [4, 3], 'this.thread.x', true);
 */
export function elementReads(
  names: readonly string[],
  shapes: readonly (readonly number[])[],
  outShape: readonly number[],
  flat: string,
  direct: boolean,
  blocked: readonly boolean[] = [],
): { prelude: string; read: string[]; natives: NativeFunction[] } {
  const same = shapes.map((s) => direct && s.length === outShape.length && s.every((d, i) => d === outShape[i]));
  const one = shapes.map((s, k) => direct && !same[k] && s.every((d) => d === 1));
  blocked.forEach((b, k) => {
    if (b && (!same[k] || outShape.length < 2))
      throw new Error(
        `gpujs: a blocked input must have the output's shape, of rank 2 or more (WebGL2), got [${shapes[k]}] for [${outShape}].`,
      );
  });
  const fn = (k: number) => `${blocked[k] ? 'blk' : same[k] ? 'same' : 'one'}_${names[k]}`;
  const body = (k: number) => {
    if (blocked[k]) {
      return `${fragmentRowColumn(outShape.at(-1) as number)}\n  return (${blockedTexel(`${names[k]}p`, 'i', 'j >> 2')})[j & 3];`;
    }
    return `return texelFetch(user_${names[k]}, ${same[k] ? 'ivec2(gl_FragCoord.xy)' : 'ivec2(0, 0)'}, 0).r;`;
  };
  const natives = names.flatMap((_, k) =>
    same[k] || one[k] ? [{ name: fn(k), source: `float ${fn(k)}() {\n  ${body(k)}\n}`, returnType: 'Number' as const }] : [],
  );
  const read = names.map((name, k) =>
    same[k] || one[k] ? `${fn(k)}()` : `${name}[${broadcastIndex(shapes[k] as number[], outShape, 'c')}]`,
  );
  const coordinates = read.some((r) => /\bc\d/.test(r));
  return { prelude: coordinates ? coords(outShape, 'c', flat) : '', read, natives };
}

/**
 * The argument names of a kernel over `names`, an input in the `blocked` form taking four.
 * @example
 * kernelArguments(['t0', 't1'], [false, true]); // ['t0', 't1p0', 't1p1', 't1p2', 't1p3']
 */
export function kernelArguments(names: readonly string[], blocked: readonly boolean[] = []): string[] {
  // Parts as `<name>p<o>`: gpu.js declares no uniform for an argument named with '_'.
  return names.flatMap((name, k) => (blocked[k] ? [0, 1, 2, 3].map((o) => `${name}p${o}`) : [name]));
}

/**
 * GLSL selecting, from the four parts `${prefix}0 … 3` of a `blocked` form, the texel holding row
 * `i` (an int expression), columns 4·`q` … 4·`q` + 3.
 * @example
 * blockedTexel('c', 'i', 'q'); // 'texelFetch(user_c0, ivec2(q, i >> 2), 0)' when i & 3 is 0, …
 */
export function blockedTexel(prefix: string, i: string, q: string): string {
  const fetch = (o: number) => `texelFetch(user_${prefix}${o}, ivec2(${q}, (${i}) >> 2), 0)`;
  return `((${i}) & 3) < 2 ? (((${i}) & 3) == 0 ? ${fetch(0)} : ${fetch(1)}) : (((${i}) & 3) == 2 ? ${fetch(2)} : ${fetch(3)})`;
}

/**
 * GLSL: the flat index of the element the fragment being written holds in a one-float-per-texel
 * output, from `gl_FragCoord` and gpu.js's output size `uTexSize` (not `this.thread.x`, whose
 * integer divisions cost SwiftShader more than a whole unpack), split into row `i` and column `j`
 * of a row length `n` by one float division corrected in integers (exact).
 */
export function fragmentRowColumn(n: number): string {
  return `int e = int(gl_FragCoord.y) * uTexSize.x + int(gl_FragCoord.x);
  int i = int(floor((float(e) + 0.5) / ${lit(n)}));
  int j = e - i * ${n};
  if (j < 0) { i -= 1; j += ${n}; } else if (j >= ${n}) { i += 1; j -= ${n}; }`;
}

/**
 * Statements that split the flat index `flat` into coordinates `${prefix}0…` of `shape`.
 * @example
 * coords([2, 3], 'c', 'this.thread.x'); // declares c0, c1
 */
export function coords(shape: readonly number[], prefix: string, flat: string): string {
  const strides = stridesOf(shape);
  const lines = [`let ${prefix}r = ${flat} * 1.0;`];
  shape.forEach((_, i) => {
    const s = strides[i]!;
    if (i === shape.length - 1) lines.push(`let ${prefix}${i} = ${prefix}r;`);
    else {
      lines.push(`let ${prefix}${i} = Math.floor((${prefix}r + 0.5) / ${lit(s)});`);
      lines.push(`${prefix}r = ${prefix}r - ${prefix}${i} * ${lit(s)};`);
    }
  });
  return lines.join('\n  ');
}

/**
 * The flat index into a tensor of `shape` that broadcasts to coordinates `${prefix}0…` of
 * `outShape` (NumPy rules: aligned right, size-1 axes repeat).
 * @example
 * broadcastIndex([3], [2, 3], 'c'); // 'c1'
 */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[], prefix: string): string {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  const terms = shape.flatMap((d, i) => (d === 1 ? [] : [term(`${prefix}${i + offset}`, strides[i]!)]));
  return terms.length ? terms.join(' + ') : '0.0';
}

/** `coordinate · stride` written without a multiplication by one. */
export function term(coordinate: string, stride: number): string {
  return stride === 1 ? coordinate : `${coordinate} * ${lit(stride)}`;
}

/**
 * A kernel function's source: `function(args) { body }`.
 * @example
 * kernelSource(['a'], 'return a[this.thread.x];');
 */
export function kernelSource(args: readonly string[], body: string): string {
  return `function(${args.join(', ')}) {\n  ${body}\n}`;
}

/**
 * Statements setting `${flag}` to 1.0 when `x` is NaN, else 0.0. No single test works everywhere:
 * some GL compilers fold `x − x` to 0, WGSL compilers may fold `x != x` to false, and NVIDIA's
 * Vulkan driver (Dawn, seen on an H200) folds both. So three, any of which may say NaN and none
 * of which can say it of a number: ordered comparisons keep IEEE meaning where nothing is folded
 * (x − x == 0 fails for NaN and ±∞, |x| > 3.4e38 only for ±∞); `x != x`; and min/max, which on
 * hardware that returns the other operand for NaN (IEEE maxNum, NVIDIA's FMNMX) give
 * max(x, −B) < min(x, B) for NaN alone (for a number both are x, or max ≥ min at ±∞ and beyond B).
 * @example
 * isNaNFlag('v', 'nan'); // declares nan (and nanX, nanFin, nanBig, nanLo, nanHi)
 */
export function isNaNFlag(x: string, flag: string): string {
  return [
    `let ${flag}X = ${x};`,
    `let ${flag}Fin = 0.0;`,
    `if (${flag}X - ${flag}X == 0.0) { ${flag}Fin = 1.0; }`,
    `let ${flag}Big = 0.0;`,
    `if (Math.abs(${flag}X) > 3.4e38) { ${flag}Big = 1.0; }`,
    `let ${flag} = 0.0;`,
    `if (${flag}Fin + ${flag}Big == 0.0) { ${flag} = 1.0; }`,
    // Some GL compilers (ANGLE on Mesa's llvmpipe) fold x − x to 0 even for NaN; x != x holds there.
    `if (${flag}X != ${flag}X) { ${flag} = 1.0; }`,
    `let ${flag}Lo = Math.max(${flag}X, -3.4e38);`,
    `let ${flag}Hi = Math.min(${flag}X, 3.4e38);`,
    `if (${flag}Lo < ${flag}Hi) { ${flag} = 1.0; }`,
  ].join('\n  ');
}

/**
 * Statements setting `${flag}` to 1.0 when `x` is finite (not NaN, not ±∞), else 0.0, without
 * relying on `x − x == 0` (folded to true by some compilers): not NaN and |x| ≤ the float32 maximum.
 * @example
 * isFiniteFlag('acc', 'fin'); // declares fin (and finN…)
 */
export function isFiniteFlag(x: string, flag: string): string {
  return [
    isNaNFlag(x, `${flag}N`),
    `let ${flag} = 0.0;`,
    `if (${flag}N == 0.0 && Math.abs(${flag}NX) <= 3.4028234663852886e38) { ${flag} = 1.0; }`,
  ].join('\n  ');
}

/** Shapes as a cache-key fragment. */
export function shapeKey(...shapes: (readonly number[])[]): string {
  return shapes.map((s) => `[${s.join(',')}]`).join('');
}
