/**
 * Failure rates, failure sets and adversaries with measures: uniform measures reproduce the uniform
 * functions exactly; weighted results are checked against brute force on small graphs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { skillGraph, type SkillGraph } from "../../src/graphs/skillGraph";
import { skillCompetence } from "../../src/sim/competence";
import { randomFailureSet } from "../../src/sim/failures";
import { adversarialFailureSet } from "../../src/sim/adversary";
import { skillFailureRates, worstFailureRate, shareOfSkillsFailing, randomFailureSetOfMeasure, failureSetMeasure } from "../../src/sim/measures";
import { adversarialFailureSetOfMeasure } from "../../src/sim/measureAdversary";
import { createRng } from "../../src/random/rng";
import { ALPHA, chiSquareTest } from "../random/stats-helpers";
import { graphFromTextSkills } from "./helpers";

function withMeasures(g: SkillGraph, skillMeasure?: number[], textMeasure?: number[]): SkillGraph {
  const norm = (w: number[]) => {
    const t = w.reduce((a, b) => a + b, 0);
    return Float64Array.from(w, (x) => x / t);
  };
  return { ...g, ...(skillMeasure ? { skillMeasure: norm(skillMeasure) } : {}), ...(textMeasure ? { textMeasure: norm(textMeasure) } : {}) };
}

test("skillFailureRates: uniform μ2 gives skillCompetence's rates exactly; weighted rates match a brute-force sum", () => {
  const g = skillGraph({ skills: 30, texts: 400, k: 3, rng: "rates" });
  const y = randomFailureSet({ texts: 400, theta: 0.2, rng: "y" });
  const r = skillFailureRates(g, y);
  assert.deepEqual(r.failureRate, skillCompetence(g, y).failureRate);
  assert.equal(r.theta, 80 / 400);
  // weighted, by hand: pieces (skills) 0:(0,1) 1:(1,2) 2:(0,2) 3:(1,1), weights 1,2,3,4; Y = {1, 3}
  const h = withMeasures(graphFromTextSkills(3, 2, [0, 1, 1, 2, 0, 2, 1, 1], false), undefined, [1, 2, 3, 4]);
  const rw = skillFailureRates(h, [1, 3]);
  // skill 0: pieces 0 (1), 2 (3): failed 0 -> 0; skill 1: pieces 0 (1), 1 (2), 3 twice (4+4): failed 2+8 of 11;
  // skill 2: pieces 1 (2), 2 (3): failed 2 of 5
  assert.deepEqual(Array.from(rw.failureRate), [0, 10 / 11, 2 / 5]);
  assert.ok(Math.abs(rw.theta - 0.6) < 1e-15);
});

test("worstFailureRate and shareOfSkillsFailing: by number and by measure on a hand example; uniform measure = by number", () => {
  const rates = [0.9, 0.1, 0.5, 0.3];
  const p = Float64Array.from([0.05, 0.6, 0.15, 0.2]);
  // by measure: walk 0.9 (0.05), 0.5 (0.2 total), 0.3 (0.4 total), 0.1 (1.0)
  assert.equal(worstFailureRate({ failureRate: rates, alpha: 0.05, by: "measure", skillMeasure: p }), 0.9);
  assert.equal(worstFailureRate({ failureRate: rates, alpha: 0.2, by: "measure", skillMeasure: p }), 0.5);
  assert.equal(worstFailureRate({ failureRate: rates, alpha: 0.3, by: "measure", skillMeasure: p }), 0.3);
  assert.equal(worstFailureRate({ failureRate: rates, alpha: 0.5, by: "measure", skillMeasure: p }), 0.1);
  // by number: the ceil(alpha·4)-th largest
  assert.equal(worstFailureRate({ failureRate: rates, alpha: 0.5, by: "number", skillMeasure: p }), 0.5);
  assert.equal(shareOfSkillsFailing({ failureRate: rates, theta: 0.1, beta: 3, by: "measure", skillMeasure: p }), 0.05 + 0.15 + 0.2);
  assert.equal(shareOfSkillsFailing({ failureRate: rates, theta: 0.1, beta: 3, by: "number", skillMeasure: p }), 0.75);
  const u = Float64Array.from([0.25, 0.25, 0.25, 0.25]);
  for (const a of [0.1, 0.25, 0.5, 0.75, 1]) {
    assert.equal(worstFailureRate({ failureRate: rates, alpha: a, by: "measure", skillMeasure: u }), worstFailureRate({ failureRate: rates, alpha: a }));
  }
  assert.throws(() => worstFailureRate({ failureRate: rates, alpha: 0.1, by: "mass" as never }), /worstFailureRate: by must be "number" or "measure", got "mass"/);
});

test("randomFailureSetOfMeasure: uniform = randomFailureSet exactly; weighted sets stay within theta and are maximal", () => {
  assert.deepEqual(randomFailureSetOfMeasure({ texts: 1000, theta: 0.13, rng: "r" }), randomFailureSet({ texts: 1000, theta: 0.13, rng: "r" }));
  assert.deepEqual(randomFailureSetOfMeasure({ texts: 50, theta: 0.3, rng: "r", textMeasure: new Array(50).fill(3) }), randomFailureSet({ texts: 50, theta: 0.3, rng: "r" }));
  const w = Array.from({ length: 2000 }, (_, i) => 1 + (i % 7));
  const total = w.reduce((a, b) => a + b, 0);
  for (const theta of [0.01, 0.1, 0.5]) {
    const y = randomFailureSetOfMeasure({ texts: 2000, theta, rng: `w${theta}`, textMeasure: w });
    const m = failureSetMeasure(y, Float64Array.from(w, (x) => x / total));
    assert.ok(m <= theta + 1e-12, `measure ${m} > theta ${theta}`);
    let minOut = Infinity;
    for (let t = 0; t < 2000; t++) if (!y[t]) minOut = Math.min(minOut, w[t] / total);
    assert.ok(theta - m < minOut, `not maximal: shortfall ${theta - m} >= lightest piece left out ${minOut}`);
  }
});

test("randomFailureSetOfMeasure: SNAPSHOT, and the law of 'random order, take what fits' matches brute-force enumeration (chi-square)", () => {
  const w = [1, 1, 1, 1, 2, 2]; // total 8; theta = 0.25 -> a budget of 2 units
  const snap = Array.from(randomFailureSetOfMeasure({ texts: 6, theta: 0.25, textMeasure: w, rng: "snapshot" }));
  assert.deepEqual(snap, SNAP);
  // the law: enumerate all 720 orders, apply the rule, count the resulting sets
  const perms: number[][] = [];
  const rec = (cur: number[]): void => {
    if (cur.length === 6) perms.push(cur);
    else for (let i = 0; i < 6; i++) if (!cur.includes(i)) rec([...cur, i]);
  };
  rec([]);
  const law = new Map<string, number>();
  for (const order of perms) {
    let used = 0;
    const y = [0, 0, 0, 0, 0, 0];
    for (const t of order) if (used + w[t] <= 2) { y[t] = 1; used += w[t]; }
    law.set(y.join(""), (law.get(y.join("")) ?? 0) + 1 / 720);
  }
  const keys = [...law.keys()];
  const counts = new Float64Array(keys.length);
  const rng = createRng("law");
  for (let r = 0; r < 40_000; r++) {
    const y = randomFailureSetOfMeasure({ texts: 6, theta: 0.25, textMeasure: w, rng });
    const i = keys.indexOf(Array.from(y).join(""));
    assert.ok(i >= 0, `a set the rule cannot produce: ${Array.from(y).join("")}`);
    counts[i]++;
  }
  const chi = chiSquareTest(counts, keys.map((k) => law.get(k)!));
  assert.ok(chi.pValue > ALPHA, `chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
});
const SNAP = [0, 0, 0, 0, 1, 0];

test("adversarialFailureSetOfMeasure: uniform measures (or by number with uniform texts) = adversarialFailureSet exactly", () => {
  const g = skillGraph({ skills: 100, texts: 3000, k: 4, rng: "adv" });
  for (const strategy of ["greedy", "balanced"] as const) {
    const a = adversarialFailureSet({ graph: g, theta: 0.1, alpha: 0.1, rng: "s", strategy });
    for (const by of ["number", "measure"] as const) {
      const b = adversarialFailureSetOfMeasure({ graph: g, theta: 0.1, alpha: 0.1, rng: "s", strategy, by });
      assert.deepEqual(b.failed, a.failed);
      assert.equal(b.worstRate, a.worstRate);
    }
  }
  const z = skillGraph({ skills: 100, texts: 3000, k: 4, rng: "adv", skillMeasure: { family: "zipf", exponent: 1 } });
  const zu = { ...z, skillMeasure: undefined };
  assert.deepEqual(
    adversarialFailureSetOfMeasure({ graph: z, theta: 0.1, alpha: 0.1, rng: "s", by: "number" }).failed,
    adversarialFailureSet({ graph: zu, theta: 0.1, alpha: 0.1, rng: "s" }).failed,
  );
});

test("adversarialFailureSetOfMeasure: Y has the requested measure, the reported objective is recomputed independently, it beats a random Y", () => {
  const g = skillGraph({ skills: 200, texts: 5000, k: 4, rng: "advm", distinct: false, skillMeasure: { family: "zipf", exponent: 1 }, textMeasure: Array.from({ length: 5000 }, (_, i) => 1 + (i % 3)) });
  const p = g.skillMeasure!;
  const w = g.textMeasure!;
  let wMax = 0;
  for (const x of w) wMax = Math.max(wMax, x);
  for (const by of ["number", "measure"] as const) {
    for (const alpha of [0.05, 0.2]) {
      const a = adversarialFailureSetOfMeasure({ graph: g, theta: 0.1, alpha, by, rng: `m${alpha}` });
      const m = failureSetMeasure(a.failed, w);
      assert.ok(m <= 0.1 + 1e-12 && m > 0.1 - wMax, `${by} ${alpha}: measure of Y ${m}`);
      assert.ok(Math.abs(a.theta - m) < 1e-15);
      const rates = skillFailureRates(g, a.failed).failureRate;
      assert.deepEqual(a.failureRate, rates);
      assert.equal(a.worstRate, worstFailureRate({ failureRate: rates, alpha, by, skillMeasure: p }));
      const rnd = skillFailureRates(g, randomFailureSetOfMeasure({ texts: g.texts, theta: 0.1, textMeasure: w, rng: "rr" })).failureRate;
      assert.ok(a.worstRate > worstFailureRate({ failureRate: rnd, alpha, by, skillMeasure: p }), `${by} ${alpha}: adversary no worse than random`);
    }
  }
});

test("adversarialFailureSetOfMeasure on a tiny graph: never above the brute-force optimum over all failure sets, and finds it", () => {
  // 4 skills, 6 pieces of 2 skills; skill 3 is rare (measure 0.1) and sits in pieces 4 and 5 only.
  const g = withMeasures(graphFromTextSkills(4, 2, [0, 1, 0, 2, 1, 2, 0, 1, 2, 3, 0, 3]), [0.4, 0.3, 0.2, 0.1], [1, 1, 1, 1, 1, 1]);
  const gw = withMeasures(graphFromTextSkills(4, 2, [0, 1, 0, 2, 1, 2, 0, 1, 2, 3, 0, 3]), [0.4, 0.3, 0.2, 0.1], [3, 1, 1, 2, 1, 2]);
  let found = 0;
  let cases = 0;
  for (const graph of [g, gw]) {
    const w = graph.textMeasure!;
    for (const [theta, alpha, by] of [[2 / 6, 0.1, "measure"], [0.3, 0.25, "number"], [0.5, 0.3, "measure"]] as const) {
      let best = -Infinity;
      for (let mask = 0; mask < 64; mask++) {
        const y = Uint8Array.from({ length: 6 }, (_, t) => (mask >> t) & 1);
        if (failureSetMeasure(y, w) > theta + 1e-12) continue;
        best = Math.max(best, worstFailureRate({ failureRate: skillFailureRates(graph, y).failureRate, alpha, by, skillMeasure: graph.skillMeasure }));
      }
      const a = adversarialFailureSetOfMeasure({ graph, theta, alpha, by, rng: "tiny" });
      assert.ok(a.worstRate <= best + 1e-15, `adversary ${a.worstRate} above the optimum ${best}`);
      cases++;
      if (a.worstRate === best) found++;
      else console.log(`  heuristic below the optimum: theta ${theta}, alpha ${alpha} by ${by}: ${a.worstRate} < ${best}`);
    }
  }
  // A heuristic: it need not be optimal, but on these tiny cases it should mostly be.
  assert.ok(found >= cases - 2, `found the optimum in only ${found} of ${cases} cases`);
});

test("adversarialFailureSetOfMeasure with targetSkills: the objective is the worst alpha of the target", () => {
  const g = skillGraph({ skills: 100, texts: 4000, k: 4, rng: "tgt", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  const target = Array.from({ length: 20 }, (_, i) => 80 + i);
  const a = adversarialFailureSetOfMeasure({ graph: g, theta: 0.1, alpha: 0.5, by: "number", targetSkills: target, rng: "t" });
  const within = target.map((s) => a.failureRate[s]).sort((x, y) => y - x);
  assert.equal(a.worstRate, within[9]);
  assert.deepEqual(Array.from(a.skillSet), target);
  assert.throws(() => adversarialFailureSetOfMeasure({ graph: g, theta: 0.1, alpha: 0.5, targetSkills: [100], rng: 1 }), /targetSkills\[0\] must be a skill id in \[0, 99\], got 100/);
});
