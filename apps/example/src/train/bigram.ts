/**
 * The bigram baseline of the language models: the next token predicted from the current one
 * alone, by counting pairs in the training words (add-one smoothed), as in makemore's first model.
 */

/**
 * A bigram model over `vocabSize` tokens: `logProb[a · vocabSize + b]` is `log p(b | a)` in nats.
 * @example
 * const bigram: Bigram = fitBigram(inputs, targets, 28);
 */
export interface Bigram {
  readonly vocabSize: number;
  readonly logProb: Float64Array;
}

/**
 * Counts the pairs (input token, target token) of every position whose target is not ignored
 * (negative), adds one to every count, and normalises each row.
 * @example
 * fitBigram(Int32Array.from([0, 2]), Int32Array.from([2, 1]), 3).logProb[0 * 3 + 2]; // log(2/4)
 */
export function fitBigram(inputs: ArrayLike<number>, targets: ArrayLike<number>, vocabSize: number): Bigram {
  const counts = new Float64Array(vocabSize * vocabSize).fill(1);
  for (let i = 0; i < targets.length; i++) {
    const b = targets[i] as number;
    if (b >= 0) {
      const at = (inputs[i] as number) * vocabSize + b;
      counts[at] = (counts[at] as number) + 1;
    }
  }
  const logProb = new Float64Array(counts.length);
  for (let a = 0; a < vocabSize; a++) {
    let total = 0;
    for (let b = 0; b < vocabSize; b++) total += counts[a * vocabSize + b] as number;
    for (let b = 0; b < vocabSize; b++) logProb[a * vocabSize + b] = Math.log((counts[a * vocabSize + b] as number) / total);
  }
  return { vocabSize, logProb };
}

/**
 * The mean negative log-likelihood per predicted token (nats) of `targets` given `inputs`,
 * over the positions whose target is not ignored.
 * @example
 * bigramLoss(bigram, test.inputs.dataSync(), test.targets.dataSync()); // ≈ 2.4 nats
 */
export function bigramLoss(bigram: Bigram, inputs: ArrayLike<number>, targets: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < targets.length; i++) {
    const b = targets[i] as number;
    if (b < 0) continue;
    sum -= bigram.logProb[(inputs[i] as number) * bigram.vocabSize + b] as number;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Nats to bits: divides by ln 2.
 * @example
 * bits(Math.LN2); // 1
 */
export function bits(nats: number): number {
  return nats / Math.LN2;
}
