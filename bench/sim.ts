/**
 * Benchmark of the simulation layer at the issue's size: N_s = 10^4 skills, N_t = 10^6 text pieces,
 * k = 8. Targets (issue 6): competence of every skill for one failure set <= 200 ms once the graph is
 * built; adversarial search <= 2 s. Prints timings (median of a few runs) and the adversary's result
 * against Theorem 8's bound. Timings on a shared machine are inflated by other load.
 */
import { performance } from "node:perf_hooks";
import { skillGraph } from "../src/graphs/skillGraph";
import { randomFailureSet } from "../src/sim/failures";
import { skillCompetence, worstFractionFailureRate } from "../src/sim/competence";
import { adversarialFailureSet, adversaryLimitBeta } from "../src/sim/adversary";
import { finiteSizeBetaMin } from "../src/sim/finiteSize";
import { betaMin } from "../src/theory/theorem8";

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const skills = 10_000;
  const texts = 1_000_000;
  const k = 8;
  const theta = 0.1;
  const [graph, tBuild] = time(() => skillGraph({ skills, texts, k, rng: "bench-sim" }));
  console.log(`skillGraph N_s=${skills} N_t=${texts} k=${k}: ${tBuild.toFixed(0)} ms (build, not part of the targets)`);

  const y = randomFailureSet({ texts, theta, rng: "bench-y" });
  const [, tY] = time(() => randomFailureSet({ texts, theta, rng: "bench-y2" }));
  console.log(`randomFailureSet theta=${theta}: ${tY.toFixed(1)} ms`);

  const tc: number[] = [];
  let comp = skillCompetence(graph, y);
  for (let i = 0; i < 5; i++) {
    const [c, t] = time(() => skillCompetence(graph, y));
    comp = c;
    tc.push(t);
  }
  console.log(`skillCompetence (every skill, one failure set): median ${median(tc).toFixed(1)} ms of 5 runs (target <= 200 ms)`);

  for (const alpha of [0.05, 0.1, 0.2]) {
    const [g, tg] = time(() => adversarialFailureSet({ graph, theta, alpha, rng: `bench-g${alpha}`, strategy: "greedy" }));
    const [it, ti] = time(() => adversarialFailureSet({ graph, theta, alpha, rng: `bench-i${alpha}` }));
    const bm = betaMin({ theta, k, alpha });
    const fs = finiteSizeBetaMin({ skills, texts, k, theta, alpha });
    const lim = adversaryLimitBeta({ theta, k, alpha }).beta;
    const rnd = worstFractionFailureRate(comp.failureRate, alpha) / theta;
    const thm = bm.feasible ? bm.beta : NaN;
    console.log(
      `alpha=${alpha}: greedy ${tg.toFixed(0)} ms, balanced ${ti.toFixed(0)} ms (${it.rounds} rounds; target <= 2000 ms)\n` +
        `  beta reached by the worst alpha fraction: random ${rnd.toFixed(3)}, greedy ${g.betaAchieved.toFixed(3)}, balanced ${it.betaAchieved.toFixed(3)}, ` +
        `fixed-Z limit ${lim.toFixed(3)} | Theorem 8 beta_min ${thm.toFixed(3)}, finite-size ${fs.feasible ? fs.beta.toFixed(3) : "infeasible"} ` +
        `| balanced/beta_min = ${(it.betaAchieved / thm).toFixed(3)}, balanced/limit = ${(it.betaAchieved / lim).toFixed(3)}`,
    );
  }
}
