/**
 * Self-check of lesson 08 (skills of unequal frequency). The reference answer is computed here, from
 * the library, at every call; the messages never print it.
 *
 * Exercise: under Zipf(1) skills (N_s = 1000), k = 8 and theta = 0.05, how many skills does the
 * general-measure reading of Theorem 8 guarantee, each on its own, a competence of at least 0.5?
 */
import { zipfMeasure } from "../graphs/measures";
import { skillGuarantees } from "../theory/generalMeasure";

/** The exercise's parameters (fixed: the answer must not depend on the reader's parameters cell). */
export const LESSON08_EXERCISE = { skills: 1000, exponent: 1, k: 8, theta: 0.05, level: 0.5 } as const;

function reference(): number {
  const { skills, exponent, k, theta, level } = LESSON08_EXERCISE;
  const g = skillGuarantees({ theta, k, skillMeasure: zipfMeasure({ n: skills, exponent }) });
  let count = 0;
  for (let s = 0; s < skills; s++) if (g.competence[s] >= level) count++;
  return count;
}

/**
 * Check an answer to lesson 08's exercise (a number of skills). Returns a message: "Not answered
 * yet", a hint pointing the way, or "Correct" with the reasoning (never the number itself before
 * a correct answer).
 */
export function checkLesson08(answer: number | undefined): string {
  if (answer === undefined) {
    return "Not answered yet: set myCount above and re-run this cell. Hint: skillGuarantees({ theta, k, skillMeasure }) gives every skill's guarantee; count those >= 0.5.";
  }
  if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 0) {
    return `Not quite: the answer is a number of skills (a whole number >= 0), got ${String(answer)}.`;
  }
  const truth = reference();
  if (answer === truth) {
    return (
      `Correct. A skill is guaranteed competence 1 − β_min(p)·θ when its own measure p is the α of Theorem 8; ` +
      `β_min falls as p grows, so the guaranteed skills are exactly the most frequent ones, a prefix of the ranking. ` +
      `The same θ guarantees nothing to any rare skill on its own: rare skills are covered only collectively (their total measure is small).`
    );
  }
  return answer > truth
    ? `Not quite (${answer}): too many. Look at the rarest skills you counted: is 1 − β_min(p)·θ at least 0.5 for each of them?`
    : `Not quite (${answer}): too few. Some rarer skills than the ones you counted still have 1 − β_min(p)·θ >= 0.5.`;
}
