/** The self-check of lesson 02 (loss to failures): the Markov bound and the exact theta for exponential loss. */
import { clozeThetaExponentialCertain, thetaFromReducibleLoss } from "../theory/cloze";
import { answerNumber, notAnswered, withinRelative } from "./verdict";

/** The two answers of lesson 02's exercise. */
export interface Lesson02Answer {
  /** 1. The upper bound on theta from the failure threshold 1/2 (Markov). */
  bound: number | undefined;
  /** 2. The expected theta when the loss is spread exponentially over questions with certain answers. */
  expected: number | undefined;
}

/**
 * Checks lesson 02's exercise at delta = 0.08 nats: the bound theta <= 2 delta and the exact
 * theta = exp(-ln 2 / delta) for exponentially spread loss. Each answer must be within 1% (relative)
 * of the value computed here, so a factor-of-2 slip is rejected. Never shows a value unless its answer is right.
 */
export function checkLesson02(answer: Lesson02Answer): string {
  const delta = 0.08;
  const bound = answerNumber(answer?.bound);
  const expected = answerNumber(answer?.expected);
  if (bound === undefined) return notAnswered("myBound", answer?.bound);
  if (expected === undefined) return notAnswered("myExpected", answer?.expected);
  const trueBound = thetaFromReducibleLoss(delta);
  const trueExpected = clozeThetaExponentialCertain(delta);
  const lines: string[] = [];
  lines.push(withinRelative(bound, trueBound, 0.01)
    ? `1. Correct: θ ≤ 2δ = ${trueBound}.`
    : `1. Not quite (${bound}). Hint: Markov's inequality with the failure threshold 1/2 nat: Pr[loss ≥ 1/2] ≤ mean / (1/2).`);
  lines.push(withinRelative(expected, trueExpected, 0.01)
    ? `2. Correct: θ = exp(−ln 2 / 0.08) = ${trueExpected.toExponential(3)}, about ${(trueBound / trueExpected).toFixed(0)} times below the bound.`
    : `2. Not quite (${expected}). Hint: a question with a certain answer fails when its loss passes ln 2; for an exponential loss with mean δ, Pr[loss > t] = exp(−t/δ).`);
  return lines.join("\n");
}
