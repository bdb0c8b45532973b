/** The self-check of lesson 00 (tour): the probability that a Uniform(0, 1) draw lands in [0.3, 0.4). */
import { answerNumber, notAnswered, withinRelative } from "./verdict";

/**
 * Checks the answer to lesson 00's exercise: P(0.3 <= U < 0.4) for U ~ Uniform(0, 1), the integral of
 * the density 1 over the bin (computed here as its length). Returns a verdict; never shows the value
 * unless the answer is right.
 */
export function checkLesson00(answer: number | undefined): string {
  const x = answerNumber(answer);
  if (x === undefined) return notAnswered("myAnswer", answer);
  const reference = 0.4 - 0.3;
  if (withinRelative(x, reference, 1e-6)) {
    return `Correct: ${x}. Compare it with the share of draws in the bin [0.3, 0.4) of the table above: close, not equal, and closer for more draws.`;
  }
  return `Not quite (${x}). Hint: the density of Uniform(0, 1) is 1 on [0, 1); integrate it over the bin.`;
}
