/**
 * Einstein summation, lowered to the primitives: repeated subscripts in one operand become a
 * `Gather` of the diagonal, subscripts no longer needed are summed (`Reduce`), and operands are
 * combined left to right as one batched `MatMul` each (transpose + reshape), or a broadcast
 * `mul` where nothing is contracted.
 */
import { type DType, promoteTypes, type Tensor, tensor, tidy } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { checkTensor } from '../operand.js';
import { parseEinsum } from './einsumEquation.js';

/** A tensor and one subscript label per dimension. */
interface Term {
  readonly t: Tensor;
  readonly labels: readonly string[];
}

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
const show = (l: string) => (l.startsWith('.') ? `'...' dimension ${l.slice(1)}` : `'${l}'`);

function sizeOf(term: Term, label: string): number {
  return term.t.shape[term.labels.indexOf(label)] as number;
}

function permute(term: Term, order: readonly string[]): Tensor {
  const perm = order.map((l) => term.labels.indexOf(l));
  return perm.every((p, i) => p === i) ? term.t : runKernel('Transpose', [term.t], { perm });
}

/** Takes the diagonal for every subscript repeated within one operand ('ii->i'). */
function diagonals(term: Term): Term {
  let cur = term;
  for (;;) {
    const label = cur.labels.find((l, i) => cur.labels.indexOf(l) !== i);
    if (label === undefined) return cur;
    const [p, q] = [cur.labels.indexOf(label), cur.labels.indexOf(label, cur.labels.indexOf(label) + 1)];
    const n = cur.t.shape[p] as number;
    if (cur.t.shape[q] !== n) {
      throw new RangeError(
        `einsum: subscript ${show(label)} is repeated in one operand over dimensions of sizes ${n} and ${cur.t.shape[q]}.`,
      );
    }
    const others = cur.labels.map((_, i) => i).filter((i) => i !== p && i !== q);
    const moved = runKernel('Transpose', [cur.t], { perm: [...others, p, q] });
    const flat = runKernel('Reshape', [moved], { shape: [...others.map((i) => cur.t.shape[i] as number), n * n] });
    const picked = runKernel(
      'Gather',
      [
        flat,
        tensor(
          Int32Array.from({ length: n }, (_, i) => i * (n + 1)),
          'int32',
        ),
      ],
      {
        axis: others.length,
      },
    );
    cur = { t: picked, labels: [...others.map((i) => cur.labels[i] as string), label] };
  }
}

/** Sums the dimensions whose labels are not in `keep`. */
function sumOut(term: Term, keep: ReadonlySet<string>): Term {
  const axes = term.labels.map((l, i) => (keep.has(l) ? -1 : i)).filter((i) => i >= 0);
  if (axes.length === 0) return term;
  return { t: runKernel('Reduce', [term.t], { op: 'sum', axes }), labels: term.labels.filter((l) => keep.has(l)) };
}

/** `term` with the dimension of `label` broadcast from 1 to `n`. */
function broadcastLabel(term: Term, label: string, n: number): Term {
  const shape = term.t.shape.map((d, i) => (term.labels[i] === label ? n : d));
  return { t: runKernel('BroadcastTo', [term.t], { shape }), labels: term.labels };
}

/** Combines two terms, keeping the labels in `keep` (needed later) and summing the rest shared. */
function contract(left: Term, right: Term, keep: ReadonlySet<string>): Term {
  let a = sumOut(left, new Set([...keep, ...right.labels]));
  let b = sumOut(right, new Set([...keep, ...a.labels]));
  const shared = a.labels.filter((l) => b.labels.includes(l));
  for (const l of shared) {
    const [m, n] = [sizeOf(a, l), sizeOf(b, l)];
    if (m === n) continue;
    if (m !== 1 && n !== 1)
      throw new RangeError(`einsum: subscript ${show(l)} has sizes ${m} and ${n} in two operands, which do not broadcast.`);
    // A contracted size-1 dimension must be repeated before the product sums over it.
    if (!keep.has(l)) {
      if (m === 1) a = broadcastLabel(a, l, n);
      else b = broadcastLabel(b, l, m);
    }
  }
  const batch = shared.filter((l) => keep.has(l));
  const summed = shared.filter((l) => !keep.has(l));
  const aOnly = a.labels.filter((l) => !b.labels.includes(l));
  const bOnly = b.labels.filter((l) => !a.labels.includes(l));
  const sizes = (t: Term, ls: readonly string[]) => ls.map((l) => sizeOf(t, l));
  const batchShape = batch.map((l) => Math.max(sizeOf(a, l), sizeOf(b, l)));
  const outShape = [...batchShape, ...sizes(a, aOnly), ...sizes(b, bOnly)];
  const labels = [...batch, ...aOnly, ...bOnly];
  if (summed.length === 0) {
    // Nothing to sum: a broadcast product of the two laid out as [batch, aOnly, 1…] and [batch, 1…, bOnly].
    const x = runKernel('Reshape', [permute(a, [...batch, ...aOnly])], {
      shape: [...sizes(a, batch), ...sizes(a, aOnly), ...bOnly.map(() => 1)],
    });
    const y = runKernel('Reshape', [permute(b, [...batch, ...bOnly])], {
      shape: [...sizes(b, batch), ...aOnly.map(() => 1), ...sizes(b, bOnly)],
    });
    const t = runKernel('Binary', [x, y], { op: 'mul' });
    return { t: t.shape.every((d, i) => d === outShape[i]) ? t : runKernel('BroadcastTo', [t], { shape: outShape }), labels };
  }
  const [m, k, n] = [prod(sizes(a, aOnly)), prod(sizes(a, summed)), prod(sizes(b, bOnly))];
  const x = runKernel('Reshape', [permute(a, [...batch, ...aOnly, ...summed])], { shape: [...sizes(a, batch), m, k] });
  const y = runKernel('Reshape', [permute(b, [...batch, ...summed, ...bOnly])], { shape: [...sizes(b, batch), k, n] });
  const product = runKernel('MatMul', [x, y], { transposeA: false, transposeB: false });
  return { t: runKernel('Reshape', [product], { shape: outShape }), labels };
}

/**
 * Einstein summation over `operands` as `equation` says (MindSpore `ops.einsum`, NumPy/PyTorch
 * semantics): `'ij,jk->ik'` is a matrix product, `'bhqd,bhkd->bhqk'` attention scores, `'ii->i'`
 * a diagonal, `'ii'` a trace, `'i,j->ij'` an outer product, `'...ij->...ji'` a batched
 * transpose. Without `->` the output is the `...` dimensions then the subscripts used once, in
 * alphabetical order. Size-1 dimensions broadcast. Operands are promoted to one dtype.
 * Differentiable in every operand.
 * @example
 * ops.einsum('ij,jk->ik', a, b); // ops.matmul(a, b)
 * ops.einsum('ii', tensor([[1, 2], [3, 4]], 'float32')); // 5 (the trace)
 * ops.einsum('bi,bj->bij', x, y); // batched outer products
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  operands.forEach((t, k) => {
    checkTensor(t, 'einsum', `operand ${k}`);
  });
  if (operands.length === 0) throw new RangeError('einsum: give at least one operand.');
  const plan = parseEinsum(
    equation,
    operands.map((t) => t.rank),
  );
  // Sizes of one subscript must agree (or be 1) across operands; checked before any work.
  const seen = new Map<string, number>();
  plan.inputs.forEach((labels, k) => {
    labels.forEach((l, i) => {
      const d = operands[k]!.shape[i] as number;
      const prev = seen.get(l);
      if (prev !== undefined && prev !== d && prev !== 1 && d !== 1) {
        throw new RangeError(`einsum: subscript ${show(l)} has sizes ${prev} and ${d} in different places, which do not broadcast.`);
      }
      if (prev === undefined || prev === 1) seen.set(l, d);
    });
  });
  const dtype: DType = operands.map((t) => t.dtype).reduce((a, b) => promoteTypes(a, b));
  const compute = dtype === 'bool' ? 'int32' : dtype;
  const output = new Set(plan.output);
  return tidy(() => {
    const terms = operands.map((t, k) =>
      diagonals({ t: t.dtype === compute ? t : runKernel('Cast', [t], { dtype: compute }), labels: plan.inputs[k] as string[] }),
    );
    let acc = sumOut(terms[0] as Term, new Set([...output, ...terms.slice(1).flatMap((t) => t.labels)]));
    for (let k = 1; k < terms.length; k++) {
      const keep = new Set([...output, ...terms.slice(k + 1).flatMap((t) => t.labels)]);
      acc = contract(acc, terms[k] as Term, keep);
    }
    acc = sumOut(acc, output);
    const result = permute(acc, plan.output);
    return result === operands[0] ? runKernel('Reshape', [result], { shape: result.shape }) : result;
  });
}
