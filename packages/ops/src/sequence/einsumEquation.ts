/**
 * Parsing an einsum equation into one label list per operand and one for the output.
 * Ellipsis dimensions become the labels `.0`, `.1`, … aligned from the right, so operands whose
 * `...` covers fewer dimensions broadcast against the others.
 */

/** An equation resolved against its operands' ranks. */
export interface EinsumPlan {
  /** Per operand, one label per dimension. */
  readonly inputs: readonly (readonly string[])[];
  /** The output's labels, in order. */
  readonly output: readonly string[];
}

const LETTER = /^[a-zA-Z]$/;

function terms(part: string, where: string): { letters: string[]; ellipsisAt: number } {
  const letters: string[] = [];
  let ellipsisAt = -1;
  for (let i = 0; i < part.length; ) {
    if (part.startsWith('...', i)) {
      if (ellipsisAt >= 0) throw new SyntaxError(`einsum: ${where} has more than one '...'.`);
      ellipsisAt = letters.length;
      i += 3;
    } else if (LETTER.test(part[i] as string)) {
      letters.push(part[i] as string);
      i += 1;
    } else {
      throw new SyntaxError(`einsum: ${where} has the character ${JSON.stringify(part[i])}; subscripts are letters a–z, A–Z and '...'.`);
    }
  }
  return { letters, ellipsisAt };
}

/**
 * Resolves `equation` (e.g. `'bij,bjk->bik'`, `'...ij->...ji'`, `'ii'`) against operands of
 * `ranks`. Without `->` the output is the ellipsis dimensions then the letters used once, in
 * alphabetical order (NumPy's rule).
 * @example
 * parseEinsum('ij,jk', [2, 2]); // { inputs: [['i', 'j'], ['j', 'k']], output: ['i', 'k'] }
 */
export function parseEinsum(equation: string, ranks: readonly number[]): EinsumPlan {
  if (typeof equation !== 'string') throw new TypeError(`einsum: equation must be a string, but got ${typeof equation}.`);
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  if (arrow !== eq.lastIndexOf('->')) throw new SyntaxError(`einsum: equation ${JSON.stringify(equation)} has more than one '->'.`);
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const parts = lhs.split(',');
  if (parts.length !== ranks.length) {
    throw new RangeError(`einsum: equation ${JSON.stringify(equation)} has ${parts.length} operand(s), but ${ranks.length} were given.`);
  }
  let ellipsisRank = 0;
  const parsed = parts.map((part, k) => {
    const t = terms(part, `operand ${k} ('${part}')`);
    const rank = ranks[k] as number;
    const covered = rank - t.letters.length;
    if (t.ellipsisAt < 0 ? covered !== 0 : covered < 0) {
      throw new RangeError(
        `einsum: operand ${k} has rank ${rank}, but its subscripts '${part}' name ${t.letters.length} dimension(s)${t.ellipsisAt >= 0 ? ' (more than it has)' : ''}.`,
      );
    }
    if (t.ellipsisAt >= 0) ellipsisRank = Math.max(ellipsisRank, covered);
    return { ...t, covered };
  });
  const ellipsis = (count: number) => Array.from({ length: count }, (_, i) => `.${ellipsisRank - count + i}`);
  const inputs = parsed.map((t) =>
    t.ellipsisAt < 0 ? t.letters : [...t.letters.slice(0, t.ellipsisAt), ...ellipsis(t.covered), ...t.letters.slice(t.ellipsisAt)],
  );
  let output: string[];
  if (arrow >= 0) {
    const t = terms(eq.slice(arrow + 2), 'the output');
    const used = new Set(inputs.flat());
    for (const l of t.letters) {
      if (!used.has(l)) throw new RangeError(`einsum: output subscript '${l}' appears in no operand.`);
    }
    if (new Set(t.letters).size !== t.letters.length) throw new SyntaxError('einsum: the output repeats a subscript.');
    output =
      t.ellipsisAt < 0 ? t.letters : [...t.letters.slice(0, t.ellipsisAt), ...ellipsis(ellipsisRank), ...t.letters.slice(t.ellipsisAt)];
  } else {
    const counts = new Map<string, number>();
    for (const t of parsed) for (const l of t.letters) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts]
      .filter(([, c]) => c === 1)
      .map(([l]) => l)
      .sort();
    output = [...ellipsis(ellipsisRank), ...once];
  }
  return { inputs, output };
}
