/** The self-check of lesson 06 (emergence of tuples): the compute that lifts 4-tuples to today's single-skill curve. */
import { HOFFMANN_2022 } from "../scaling/law";
import { thetaComputeFactor } from "../theory/emergence";
import { answerNumber, notAnswered, withinRelative } from "./verdict";

/**
 * Checks lesson 06's exercise: under Hoffmann et al.'s constants, along the compute-optimal frontier,
 * the compute multiplier that gives 4-tuples the guarantee single skills have now. By Corollary 13 that
 * is the multiplier that quarters theta (computed here with thetaComputeFactor, ratio 1/4). Accepts
 * answers within 2%. Never shows the value unless the answer is right.
 */
export function checkLesson06(answer: number | undefined): string {
  const x = answerNumber(answer);
  if (x === undefined) return notAnswered("myComputeFactor", answer);
  const reference = thetaComputeFactor({ params: HOFFMANN_2022, compute: 1e24, ratio: 1 / 4 });
  if (withinRelative(x, reference, 0.02)) {
    const halving = thetaComputeFactor({ params: HOFFMANN_2022, compute: 1e24 });
    return `Correct: about ${reference.toFixed(0)}× compute. Corollary 13 needs θ/4, i.e. two halvings of θ, each costing ${halving.toFixed(1)}× compute on the frontier.`;
  }
  return `Not quite (${x}). Hint: 4-tuples at θ/4 have the curve of single skills at θ; quartering θ is halving it twice.`;
}
