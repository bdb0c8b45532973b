/** The self-check of lesson 03 (random graphs): the isolated-vertex threshold and the giant component. */
import { isolatedThresholdExperiment } from "../graphs/experiments";
import { giantFraction, giantFractionStd, isolatedThresholdP } from "../graphs/thresholds";
import type { RngOrSeed } from "../random/rng";
import { answerNumber, notAnswered, withinRelative } from "./verdict";

/** The three answers of lesson 03's exercise. */
export interface Lesson03Answer {
  /** 1a. The offset c with P(no isolated vertex) -> 0.9. */
  c: number | undefined;
  /** 1b. The edge probability p = (ln n + c)/n for n = 10^4. */
  p: number | undefined;
  /** 2. Vertices in the giant component of G(10^5, 2/10^5). */
  giant: number | undefined;
}

/**
 * Checks lesson 03's exercise against values computed here: c from exp(-e^(-c)) = 0.9 (to 0.01),
 * p = (ln 10^4 + c)/10^4 (to 0.1%), n G(2) for n = 10^5 (to 0.5%). When c is a number it also simulates
 * 400 graphs G(10^4, p) at the reader's c (seeded by `rng`, default 2023) for comparison with the limit law.
 * Never shows a value unless its answer is right.
 */
export function checkLesson03(answer: Lesson03Answer, options: { rng?: RngOrSeed } = {}): string {
  const c = answerNumber(answer?.c);
  const p = answerNumber(answer?.p);
  const giant = answerNumber(answer?.giant);
  if (c === undefined) return notAnswered("myC", answer?.c);
  if (p === undefined) return notAnswered("myP", answer?.p);
  if (giant === undefined) return notAnswered("myGiant", answer?.giant);
  const lines: string[] = [];
  const trueC = -Math.log(-Math.log(0.9));
  lines.push(Math.abs(c - trueC) < 0.01
    ? `1a. Correct: c = −ln(−ln 0.9) = ${trueC.toFixed(4)}.`
    : `1a. Not quite (${c}). Hint: solve exp(−e^(−c)) = 0.9 for c; take logarithms twice.`);
  const trueP = isolatedThresholdP(10_000, trueC);
  lines.push(withinRelative(p, trueP, 1e-3)
    ? `1b. Correct: p = (ln 10^4 + c)/10^4 = ${trueP.toExponential(4)}.`
    : `1b. Not quite (${p}). Hint: p = (ln n + c)/n with n = 10^4 and the natural logarithm.`);
  const trueGiant = 100_000 * giantFraction(2);
  lines.push(withinRelative(giant, trueGiant, 0.005)
    ? `2. Correct: n·G(2) = ${trueGiant.toFixed(0)} vertices (give or take ${(100_000 * giantFractionStd(100_000, 2)).toFixed(0)} from graph to graph).`
    : `2. Not quite (${giant}). Hint: solve G = 1 − e^(−2G) (giantFraction) and multiply by n.`);
  if (c > -Math.log(10_000)) {
    const sim = isolatedThresholdExperiment({ n: 10_000, cs: [c], trials: 400, rng: options.rng ?? 2023 });
    lines.push(`Simulation at your c, n = 10^4, 400 graphs: P(no isolated) = ${sim.pNoIsolated[0].toFixed(3)} ± ${(2 * sim.stdErr[0]).toFixed(3)} (finite-n Poisson value ${sim.poisson[0].toFixed(3)}).`);
  }
  return lines.join("\n");
}
