/** The self-check of lesson 07 (skill combinatorics): the Skill-Mix bound for a ten times larger corpus. */
import { SKILL_MIX_REPORTED, skillMixBound, skillMixSmallestK } from "../combinatorics/skillmix";
import { answerNumber, notAnswered } from "./verdict";

/**
 * Checks lesson 07's exercise: the smallest k with p_s^k p_t (10 L) < 0.001 for Skill-Mix's reported
 * p_s, p_t and L (computed here with skillMixSmallestK). Never shows the value unless the answer is right.
 */
export function checkLesson07(answer: number | undefined): string {
  const x = answerNumber(answer);
  if (x === undefined) return notAnswered("myK", answer);
  const L10 = 10 * SKILL_MIX_REPORTED.L;
  const reference = skillMixSmallestK({ threshold: 1e-3, L: L10 });
  if (x === reference) {
    return `Correct: k = ${reference}. The bound is ${skillMixBound({ k: reference, L: L10 }).toExponential(2)} there and ` +
      `${skillMixBound({ k: reference - 1, L: L10 }).toExponential(2)} at k = ${reference - 1}. Each extra skill divides the bound by 1/p_s ≈ ${Math.round(1 / SKILL_MIX_REPORTED.pS)}, ` +
      `so a 10× larger corpus is undone by at most one more skill.`;
  }
  if (!Number.isInteger(x)) return `Not quite (${x}): k counts skills, so it is a whole number.`;
  return `Not quite (${x}). Hint: k > ln(0.001 / (p_t · 10 L)) / ln(p_s); take the next integer.`;
}
