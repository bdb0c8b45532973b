/** The self-check of lesson 04 (skill graphs): the corpus size that makes failure rates concentrate. */
import type { RngOrSeed } from "../random/rng";
import { concentrationExperiment } from "../sim/experiments";
import { answerNumber, notAnswered, withinRelative } from "./verdict";

/**
 * Checks lesson 04's exercise: with N_s = 1000 skills, k = 8 and theta = 0.1, the number of text
 * pieces N_t for which the binomial rule sqrt(theta (1 - theta) / d), with mean degree d = k N_t / N_s,
 * equals 0.005. Accepts answers within 2%. A right answer up to 2·10^6 is also simulated (one graph,
 * one random failure set, seeded by `rng`, default 2023). Never shows the value unless the answer is right.
 */
export function checkLesson04(answer: number | undefined, options: { rng?: RngOrSeed } = {}): string {
  const x = answerNumber(answer);
  if (x === undefined) return notAnswered("myTexts", answer) + " Hint: solve √(θ(1−θ)/d) = 0.005 for the degree d, then use d = k·N_t/N_s.";
  const skills = 1000;
  const k = 8;
  const theta = 0.1;
  const sd = 0.005;
  const degree = (theta * (1 - theta)) / (sd * sd);
  const reference = (degree * skills) / k;
  if (!withinRelative(x, reference, 0.02)) {
    return `Not quite (${x}). Hint: first the degree d a skill needs (θ(1−θ)/sd²), then N_t from d = k·N_t/N_s.`;
  }
  let msg = `Correct: N_t = θ(1−θ)·N_s/(k·0.005²) = ${Math.round(reference)}, i.e. ${Math.round(degree)} text pieces per skill.`;
  if (x <= 2_000_000) {
    const [row] = concentrationExperiment({ skills, textsList: [Math.round(x)], k, theta, rng: options.rng ?? 2023 });
    msg += ` Simulation at N_t = ${Math.round(x)}: sd of the failure rate = ${row.std.toFixed(5)}.`;
  }
  return msg;
}
