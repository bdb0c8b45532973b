/** The self-check of lesson 01 (scaling laws): the compute that halves the reducible loss on the frontier. */
import { HOFFMANN_2022, computeOptimal, frontierLossExponent } from "../scaling/law";
import { answerNumber, notAnswered } from "./verdict";

/**
 * Checks the answer to lesson 01's exercise: the factor k by which the compute budget must grow so
 * that the compute-optimal reducible loss of Hoffmann et al.'s law halves. The check multiplies a
 * budget by the answer and measures the ratio of reducible losses with computeOptimal; it accepts
 * ratios within 0.005 of 1/2 (k within about 3%). Never shows the value unless the answer is right.
 */
export function checkLesson01(answer: number | undefined): string {
  const k = answerNumber(answer);
  if (k === undefined) return notAnswered("myK", answer) + " Hint: both terms of δ become proportional to the same power of C.";
  if (!(k > 0)) return `Not quite (${k}): a factor of compute is a positive number.`;
  if (!(k <= 1e200)) return `Not quite (${k}): far too large; the factor is a modest number.`;
  const C = 1e21;
  const achieved = computeOptimal(k * C, HOFFMANN_2022).reducibleLoss / computeOptimal(C, HOFFMANN_2022).reducibleLoss;
  if (Math.abs(achieved - 0.5) < 0.005) {
    const gamma = frontierLossExponent(HOFFMANN_2022);
    const exact = 2 ** (1 / gamma);
    const { alpha, beta } = HOFFMANN_2022;
    return `Correct: γ = αβ/(α+β) = ${gamma.toFixed(4)}, so k = 2^(1/γ) ≈ ${exact.toPrecision(3)}. ` +
      `Halving the reducible loss on the frontier costs about ${Math.round(exact)}× the compute: N grows by k^(β/(α+β)) ≈ ${(exact ** (beta / (alpha + beta))).toFixed(1)}× ` +
      `and D by k^(α/(α+β)) ≈ ${(exact ** (alpha / (alpha + beta))).toFixed(1)}×.`;
  }
  return `Not quite: with C multiplied by ${k} the reducible loss on the frontier becomes ${achieved.toFixed(3)} of its value, not 0.5. ` +
    `Hint: δ_opt(kC)/δ_opt(C) = k^(−γ); solve k^(−γ) = 1/2.`;
}
