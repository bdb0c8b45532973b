/**
 * Theorem 8 with measures (our reconstruction): the monotonicity facts the derivation uses, the
 * reduction to the uniform theorem, per-skill and per-tuple guarantees, emergence with scale.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { klBernoulli } from "../../src/theory/entropy";
import { betaMin } from "../../src/theory/theorem8";
import { HOFFMANN_2022 } from "../../src/scaling/law";
import {
  rarestSkillsMeasure, betaMinOfMeasure, skillGuarantees, tupleGuaranteeOfMeasure, frequencyEmergenceCurve, frequencyEmergenceCompute,
} from "../../src/theory/generalMeasure";
import { zipfMeasure } from "../../src/graphs/measures";

test("the monotonicity the derivation uses: KL(beta a || a) and KL((1 - eta) a || a) grow with a; theta' KL(c/theta' || a) falls with theta'", () => {
  for (const beta of [1.5, 3, 8]) {
    let prev = 0;
    for (let a = 0.001; a * beta < 1; a *= 1.1) {
      const v = klBernoulli(beta * a, a);
      assert.ok(v > prev, `beta ${beta}, a ${a}`);
      prev = v;
    }
  }
  for (const eta of [0.1, 0.5, 0.9]) {
    let prev = 0;
    for (let a = 0.001; a < 0.99; a *= 1.1) {
      const v = klBernoulli((1 - eta) * a, a);
      assert.ok(v > prev, `eta ${eta}, a ${a}`);
      prev = v;
    }
  }
  const a = 0.1;
  const c = 0.03; // beta·alpha·theta
  let prev = Infinity;
  for (let t = c + 1e-3; c / t > a; t += 0.002) {
    const v = t * klBernoulli(c / t, a);
    assert.ok(v < prev, `theta' ${t}`);
    prev = v;
  }
});

test("rarestSkillsMeasure and betaMinOfMeasure: Zipf(1) on 1000 skills at theta = 0.1, k = 8", () => {
  const p = zipfMeasure({ n: 1000, exponent: 1 });
  let h = 0;
  for (let r = 1000; r >= 1; r--) h += 1 / r;
  let tail = 0;
  for (let r = 1000; r >= 901; r--) tail += 1 / r;
  const rare = rarestSkillsMeasure({ skillMeasure: p, alpha: 0.1 });
  assert.equal(rare.count, 100);
  assert.ok(Math.abs(rare.measure - tail / h) < 1e-14);
  const byMeasure = betaMinOfMeasure({ theta: 0.1, k: 8, alpha: 0.1 });
  const byNumber = betaMinOfMeasure({ theta: 0.1, k: 8, alpha: 0.1, by: "number", skillMeasure: p });
  assert.ok(byMeasure.feasible && byNumber.feasible);
  assert.equal(byMeasure.beta, (betaMin({ theta: 0.1, k: 8, alpha: 0.1 }) as { beta: number }).beta);
  assert.equal(Number(byMeasure.beta.toFixed(2)), 4.5, "beta_min at alpha = 0.1 (the 4.50 of the uniform theorem)");
  assert.ok(Math.abs(byNumber.beta - (betaMin({ theta: 0.1, k: 8, alpha: tail / h }) as { beta: number }).beta) < 1e-9, "beta_min at the rarest skills' measure");
  assert.ok(byNumber.beta > 3 * byMeasure.beta);
  // uniform measure: by number = by measure
  const u = new Float64Array(1000).fill(1 / 1000);
  const un = betaMinOfMeasure({ theta: 0.1, k: 8, alpha: 0.1, by: "number", skillMeasure: u });
  assert.ok(un.feasible && Math.abs(un.beta - byMeasure.beta) < 1e-12);
  assert.throws(() => betaMinOfMeasure({ theta: 0.1, k: 8, alpha: 0.1, by: "number" }), /betaMinOfMeasure: by "number" needs skillMeasure/);
  assert.throws(() => rarestSkillsMeasure({ skillMeasure: [0.5, 0.6], alpha: 0.1 }), /rarestSkillsMeasure: skillMeasure must sum to 1/);
});

test("skillGuarantees: 1 − beta_min(p)·theta per skill, higher for more frequent skills; tuples add their betas", () => {
  const p = zipfMeasure({ n: 200, exponent: 1 });
  const g = skillGuarantees({ theta: 0.05, k: 8, skillMeasure: p });
  for (let s = 0; s < 200; s++) {
    const r = betaMin({ theta: 0.05, k: 8, alpha: p[s] });
    if (r.feasible) {
      assert.equal(g.beta[s], r.beta);
      assert.equal(g.competence[s], 1 - r.beta * 0.05);
    } else assert.equal(g.beta[s], Infinity);
    if (s > 0) assert.ok(g.competence[s] <= g.competence[s - 1], "rarer skill, no better guarantee");
  }
  const t = tupleGuaranteeOfMeasure({ theta: 0.05, k: 8, measures: [p[0], p[3]] });
  assert.ok(t.competence !== null && Math.abs(t.competence - (1 - 0.05 * (g.beta[0] + g.beta[3]))) < 1e-15);
});

test("frequencyEmergenceCompute: a tuple of frequent skills emerges at a smaller budget than one of rare skills; the threshold is tight", () => {
  const frequent = frequencyEmergenceCompute({ params: HOFFMANN_2022, k: 8, measures: [0.1, 0.05] });
  const rare = frequencyEmergenceCompute({ params: HOFFMANN_2022, k: 8, measures: [0.001, 0.001] });
  assert.ok(frequent.reached && rare.reached);
  assert.ok(frequent.compute < rare.compute / 100, `${frequent.compute} vs ${rare.compute}`);
  const rows = frequencyEmergenceCurve({ params: HOFFMANN_2022, computes: [frequent.compute * 1.0001, frequent.compute * 0.999], k: 8, tuples: [{ name: "f", measures: [0.1, 0.05] }] });
  assert.ok(rows[0].tuples[0].competence! >= 0);
  assert.ok(rows[1].tuples[0].competence === null || rows[1].tuples[0].competence < 0);
});

test("betaMinOfMeasure: errors name betaMinOfMeasure and the argument, not the functions it calls", () => {
  const base = { theta: 0.1, k: 8, alpha: 0.2, by: "number" as const, skillMeasure: zipfMeasure({ n: 6, exponent: 1.1 }) };
  assert.throws(() => betaMinOfMeasure({ ...base, skillMeasure: 1e9 as never }), /^TypeError: betaMinOfMeasure: skillMeasure must be an array/);
  assert.throws(() => betaMinOfMeasure({ ...base, skillMeasure: [0.5, 0.6] }), /^RangeError: betaMinOfMeasure: skillMeasure must sum to 1/);
  assert.throws(() => betaMinOfMeasure({ ...base, k: 2.5 }), /^RangeError: betaMinOfMeasure: k must be an integer >= 1, got 2\.5/);
  assert.throws(() => betaMinOfMeasure({ ...base, by: "measure", theta: 1 }), /^RangeError: betaMinOfMeasure: theta must be/);
});
