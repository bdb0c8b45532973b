/** The self-check of lesson 05 (emergence of skills): beta_min from Theorem 8's condition. */
import { skillGraph } from "../graphs/skillGraph";
import type { RngOrSeed } from "../random/rng";
import { adversarialFailureSet, adversaryLimitBeta } from "../sim/adversary";
import { betaMin, theorem8Condition } from "../theory/theorem8";
import { answerNumber, notAnswered } from "./verdict";

/** The parameters of lesson 05's exercise. */
export const LESSON05_EXERCISE = Object.freeze({ theta: 0.05, k: 6, alpha: 0.15 });

/**
 * Checks lesson 05's exercise: beta_min for theta = 0.05, k = 6, alpha = 0.15 (LESSON05_EXERCISE), the
 * root of Theorem 8's condition, to 0.01. A wrong answer gets the sign of the condition at that beta
 * (which way to go), not the root. A right one is compared with the balanced adversary on a skill graph
 * with 1000 skills, 100,000 text pieces and k = 6 (seeded by `rng`, default 2023).
 */
export function checkLesson05(answer: number | undefined, options: { rng?: RngOrSeed } = {}): string {
  const { theta, k, alpha } = LESSON05_EXERCISE;
  const x = answerNumber(answer);
  if (x === undefined) {
    return notAnswered("myBeta", answer) + ` Hint: evaluate theorem8Condition({ theta: ${theta}, k: ${k}, alpha: ${alpha}, beta: 2 }) and watch its sign as beta grows.`;
  }
  const res = betaMin({ theta, k, alpha });
  if (!res.feasible) return res.reason;
  if (!(x > 0 && x * alpha <= 1)) return `Not quite (${x}): beta must be positive and beta·alpha at most 1 (beta <= ${1 / alpha}).`;
  if (Math.abs(x - res.beta) > 0.01) {
    const side = theorem8Condition({ theta, k, alpha, beta: x });
    return `Not quite (${x}): the left side there is ${side.toFixed(5)} nats, ${side >= 0 ? "not negative, so beta must grow" : "negative, so a smaller beta still works"}.`;
  }
  const rng = options.rng ?? 2023;
  const graph = skillGraph({ skills: 1000, texts: 100_000, k, rng: `${String(rng)}/exercise-graph` });
  const adv = adversarialFailureSet({ graph, theta, alpha, rng: `${String(rng)}/exercise` });
  const lim = adversaryLimitBeta({ theta, k, alpha }).beta;
  return `Correct: β_min = ${res.beta.toFixed(4)} (competence ≥ ${res.competence.toFixed(3)} for ${Math.round(100 * (1 - alpha))}% of skills). ` +
    `On a graph with 1000 skills, 100,000 text pieces and k = ${k}, the balanced adversary reaches β = ${adv.betaAchieved.toFixed(3)} ` +
    `(fixed-Z limit ${lim.toFixed(3)}), ${(100 * adv.betaAchieved / res.beta).toFixed(0)}% of β_min.`;
}
