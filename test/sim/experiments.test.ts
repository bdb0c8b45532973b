/**
 * The lesson experiments: consistency with the functions they are built from, and with Theorem 8
 * (for skills of unequal frequency: the inequalities of its general-measure reading).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { emergenceBoundExperiment, finiteSizeExperiment, concentrationExperiment, tupleBoundExperiment } from "../../src/sim/experiments";
import { slingshotCurve } from "../../src/theory/slingshot";
import { adversaryLimitBeta } from "../../src/sim/adversary";
import { betaMin } from "../../src/theory/theorem8";
import { measureBoundExperiment, tupleFrequencyExperiment } from "../../src/sim/experiments";
import { skillGraph } from "../../src/graphs/skillGraph";
import { randomTestGraph } from "./helpers";

test("emergenceBoundExperiment: every simulated beta lies below beta_min, adversaries above random", () => {
  const g = randomTestGraph(200, 40000, 8, "bc");
  const rows = emergenceBoundExperiment({ graph: g, theta: 0.1, alphas: [0.05, 0.1, 0.3], rng: "bc" });
  for (const r of rows) {
    const bm = betaMin({ theta: 0.1, k: 8, alpha: r.alpha });
    assert.equal(r.theoremBeta, bm.feasible ? bm.beta : null);
    assert.ok(r.theoremBeta !== null && r.adversarialBeta < r.theoremBeta, `alpha ${r.alpha}`);
    assert.ok(r.finiteSizeBeta !== null && r.finiteSizeBeta >= r.theoremBeta);
    assert.ok(r.adversarialBeta >= r.greedyBeta && r.greedyBeta > r.randomBeta);
    assert.equal(r.limitBeta, adversaryLimitBeta({ theta: 0.1, k: 8, alpha: r.alpha }).beta);
    assert.ok(Math.abs(r.randomCompetence - (1 - 0.1 * r.randomBeta)) < 1e-15);
  }
});

test("finiteSizeExperiment: finite-size beta falls toward beta_min as N_t/N_s grows; term ~ (N_s/N_t) H(alpha)", () => {
  const rows = finiteSizeExperiment({ skills: 100, ratios: [2, 20, 200], k: 8, theta: 0.1, alpha: 0.1, rng: "fs" });
  assert.deepEqual(rows.map((r) => r.texts), [200, 2000, 20000]);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i].finiteSizeBeta! < rows[i - 1].finiteSizeBeta!);
  for (const r of rows) {
    assert.ok(r.finiteSizeBeta! > r.theoremBeta!);
    assert.ok(r.finiteSizeTerm! > 0 && r.finiteSizeTerm! < 1.2 * r.skillSetTermApprox);
  }
});

test("concentrationExperiment: one row per N_t with the requested sizes", () => {
  const rows = concentrationExperiment({ skills: 50, textsList: [100, 1000], k: 2, theta: 0.2, rng: 1 });
  assert.deepEqual(rows.map((r) => r.texts), [100, 1000]);
  assert.ok(Math.abs(rows[1].meanDegree - 40) < 1e-12);
});

test("slingshotCurve: the fraction at level is where beta_min(alpha)·theta crosses 1 - level", () => {
  const rows = slingshotCurve({ k: 8, thetas: [0.2, 0.05, 0.025], alpha: 0.1, level: 0.9 });
  assert.equal(rows[0].fractionAtLevel, 0); // theta = 0.2: no alpha reaches competence 0.9
  for (const r of rows.slice(1)) {
    const a = 1 - r.fractionAtLevel;
    const at = betaMin({ theta: r.theta, k: 8, alpha: a * (1 + 1e-6) });
    const below = betaMin({ theta: r.theta, k: 8, alpha: a * (1 - 1e-3) });
    assert.ok(at.feasible && 1 - at.beta * r.theta >= 0.9 - 1e-9, `theta ${r.theta}: holds at alpha`);
    assert.ok(!below.feasible || 1 - below.beta * r.theta < 0.9, `theta ${r.theta}: fails just below`);
  }
  assert.ok(rows[2].fractionAtLevel > rows[1].fractionAtLevel);
});

test("validation", () => {
  const g = randomTestGraph(10, 100, 2, "v");
  assert.throws(() => emergenceBoundExperiment({ graph: g, theta: 0, alphas: [0.1], rng: 1 }), /emergenceBoundExperiment: theta must be in \(0, 1\), got 0/);
  assert.throws(() => emergenceBoundExperiment({ graph: g, theta: 0.1, alphas: [], rng: 1 }), /emergenceBoundExperiment: alphas must be a non-empty array/);
  assert.throws(() => finiteSizeExperiment({ skills: 10, ratios: [0], k: 2, theta: 0.1, alpha: 0.1, rng: 1 }), /finiteSizeExperiment: ratios\[0\] must be a finite number > 0, got 0/);
  assert.throws(() => concentrationExperiment({ skills: 10, textsList: [1.5], k: 2, theta: 0.1, rng: 1 }), /concentrationExperiment: textsList\[0\] must be an integer in \[1, .*got 1.5/);
  assert.throws(() => slingshotCurve({ k: 8, thetas: [0.1], alpha: 0.1, level: 2 }), /slingshotCurve: level must be a finite number in \[0, 1\], got 2/);
});

test("tupleBoundExperiment: tuple competences lie above Theorem 14's guarantee and fall with k'", () => {
  const g = randomTestGraph(300, 30000, 8, "tuples-bc");
  const rows = tupleBoundExperiment({ graph: g, theta: 0.05, kPrimes: [1, 2, 4], alpha: 0.2, tuples: 2000, rng: "tb" });
  assert.deepEqual(rows.map((r) => r.kPrime), [1, 2, 4]);
  for (const r of rows) {
    assert.ok(Math.abs(r.thetaPrime - (1 - 0.95 ** r.kPrime)) < 1e-15);
    assert.ok(r.theoremCompetence !== null, `k' = ${r.kPrime} feasible`);
    assert.ok(r.randomCompetence > r.theoremCompetence! && r.adversarialCompetence > r.theoremCompetence!, `k' = ${r.kPrime}`);
  }
  assert.ok(rows[0].randomCompetence > rows[1].randomCompetence && rows[1].randomCompetence > rows[2].randomCompetence);
});

test("measureBoundExperiment on a Zipf graph: the by-number bound lies above beta_min; the adversary by number passes the uniform beta_min but not the by-number bound; by measure it stays below beta_min", () => {
  const g = skillGraph({ skills: 300, texts: 30_000, k: 8, rng: "mbc", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  const rows = measureBoundExperiment({ graph: g, theta: 0.1, alphas: [0.05, 0.1, 0.2], rng: "x" });
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
  for (const r of measureBoundExperiment({ graph: u, theta: 0.1, alphas: [0.1], rng: "x" })) {
    assert.ok(Math.abs(r.rarestMeasure - 0.1) < 1e-12, "20 of 200 equally likely skills have measure 0.1");
    assert.ok(Math.abs(r.numberBeta! - r.theoremBeta!) < 1e-9);
    assert.equal(r.numberRandomBeta, r.measureRandomBeta);
  }
});

test("tupleFrequencyExperiment: simulated competence never below the per-tuple guarantee; frequent tuples fare better under their adversary", () => {
  const g = skillGraph({ skills: 300, texts: 30_000, k: 8, rng: "tef", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  const classes = [{ name: "frequent", skills: [0, 1, 2, 3, 4] }, { name: "rare", skills: Array.from({ length: 50 }, (_, i) => 250 + i) }];
  const rows = tupleFrequencyExperiment({ graph: g, thetas: [0.2, 0.05, 0.01], kPrime: 2, classes, tuples: 100, rng: "t" });
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
