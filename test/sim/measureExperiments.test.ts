/**
 * The lesson-08 experiments: structure and the inequalities the theory promises.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { skillGraph } from "../../src/graphs";
import { measureBoundCheck, tupleEmergenceByFrequency } from "../../src/sim/measureExperiments";

test("measureBoundCheck on a Zipf graph: the by-number bound lies above beta_min; the adversary by number passes the uniform beta_min but not the by-number bound; by measure it stays below beta_min", () => {
  const g = skillGraph({ skills: 300, texts: 30_000, k: 8, rng: "mbc", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  const rows = measureBoundCheck({ graph: g, theta: 0.1, alphas: [0.05, 0.1, 0.2], rng: "x" });
  for (const r of rows) {
    assert.ok(r.theoremBeta !== null && r.numberBeta !== null && r.numberFiniteSizeBeta !== null && r.measureFiniteSizeBeta !== null);
    assert.ok(r.rarestMeasure < r.alpha);
    assert.ok(r.numberBeta > r.theoremBeta);
    assert.ok(r.numberFiniteSizeBeta >= r.numberBeta && r.measureFiniteSizeBeta >= r.theoremBeta, "finite-size bounds lie above the asymptotic ones");
    assert.ok(r.numberAdversaryBeta <= r.numberFiniteSizeBeta, `alpha ${r.alpha}: by number ${r.numberAdversaryBeta} > bound ${r.numberFiniteSizeBeta}`);
    assert.ok(r.measureAdversaryBeta <= r.measureFiniteSizeBeta, `alpha ${r.alpha}: by measure ${r.measureAdversaryBeta} > bound ${r.measureFiniteSizeBeta}`);
    assert.ok(r.numberAdversaryBeta > r.numberRandomBeta && r.measureAdversaryBeta > r.measureRandomBeta);
  }
  assert.ok(rows.some((r) => r.numberAdversaryBeta > r.theoremBeta!), "by number the adversary passes the uniform theorem's beta_min somewhere");
  // A uniform graph: by number and by measure coincide.
  const u = skillGraph({ skills: 200, texts: 10_000, k: 4, rng: "u" });
  for (const r of measureBoundCheck({ graph: u, theta: 0.1, alphas: [0.1], rng: "x" })) {
    assert.ok(Math.abs(r.rarestMeasure - 0.1) < 1e-12, "20 of 200 equally likely skills have measure 0.1");
    assert.ok(Math.abs(r.numberBeta! - r.theoremBeta!) < 1e-9);
    assert.equal(r.numberRandomBeta, r.measureRandomBeta);
  }
});

test("tupleEmergenceByFrequency: simulated competence never below the per-tuple guarantee; frequent tuples fare better under their adversary", () => {
  const g = skillGraph({ skills: 300, texts: 30_000, k: 8, rng: "tef", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  const classes = [{ name: "frequent", skills: [0, 1, 2, 3, 4] }, { name: "rare", skills: Array.from({ length: 50 }, (_, i) => 250 + i) }];
  const rows = tupleEmergenceByFrequency({ graph: g, thetas: [0.2, 0.05, 0.01], kPrime: 2, classes, tuples: 100, rng: "t" });
  assert.equal(rows.length, 6);
  for (const r of rows) {
    if (r.guarantee !== null) {
      assert.ok(r.adversarialCompetence >= r.guarantee - 1e-12 && r.randomCompetence >= r.guarantee - 1e-12, `${r.className} at ${r.theta}: simulation below the guarantee ${r.guarantee}`);
    }
  }
  for (const theta of [0.2, 0.05, 0.01]) {
    const f = rows.find((r) => r.theta === theta && r.className === "frequent")!;
    const r = rows.find((x) => x.theta === theta && x.className === "rare")!;
    assert.ok(f.meanMeasure > r.meanMeasure);
    assert.ok(f.adversarialCompetence > r.adversarialCompetence, `theta ${theta}: frequent ${f.adversarialCompetence} vs rare ${r.adversarialCompetence}`);
  }
});
