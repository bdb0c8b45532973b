/**
 * tupleCompetence with a skill measure, a pool and text weights.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { skillGraph } from "../../src/graphs/skillGraph";
import { tupleCompetence } from "../../src/sim/tuples";
import { randomFailureSet } from "../../src/sim/failures";
import { skillFailureRates, randomFailureSetOfMeasure } from "../../src/sim/measures";
import { ALPHA, chiSquareTest } from "../random/stats-helpers";

test("tupleCompetence draw 'measure': the first skill of a tuple follows μ1 restricted to the pool (chi-square)", () => {
  const g = skillGraph({ skills: 30, texts: 6000, k: 4, rng: "tm", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  const y = randomFailureSet({ texts: 6000, theta: 0.1, rng: "y" });
  const pool = [0, 2, 4, 6, 8, 10, 20, 29];
  const r = tupleCompetence({ graph: g, failed: y, kPrime: 3, tuples: 20_000, rng: "draw", draw: "measure", pool });
  const counts = new Float64Array(pool.length);
  for (let i = 0; i < 20_000; i++) {
    const s = r.skills[3 * i];
    assert.ok(pool.includes(s));
    counts[pool.indexOf(s)]++;
    assert.equal(new Set(r.skills.subarray(3 * i, 3 * i + 3)).size, 3, "distinct skills");
  }
  const p = g.skillMeasure!;
  const z = pool.reduce((a, s) => a + p[s], 0);
  const chi = chiSquareTest(counts, pool.map((s) => p[s] / z));
  assert.ok(chi.pValue > ALPHA, `chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  // the exact rate: 1 - prod(1 - r_s) with the rates of skillFailureRates
  const rates = skillFailureRates(g, y).failureRate;
  for (let i = 0; i < 50; i++) {
    const [a, b, c] = r.skills.subarray(3 * i, 3 * i + 3);
    assert.ok(Math.abs(r.failureRate[i] - (1 - (1 - rates[a]) * (1 - rates[b]) * (1 - rates[c]))) < 1e-15);
  }
});

test("tupleCompetence: text weights give weighted rates; uniform draw without pool or weights is the old path", () => {
  const w = Array.from({ length: 3000 }, (_, i) => 1 + (i % 5));
  const g = skillGraph({ skills: 40, texts: 3000, k: 3, rng: "tw", textMeasure: w });
  const y = randomFailureSetOfMeasure({ texts: 3000, theta: 0.2, textMeasure: w, rng: "y" });
  const r = tupleCompetence({ graph: g, failed: y, kPrime: 2, tuples: 100, rng: "d" });
  const rates = skillFailureRates(g, y).failureRate;
  for (let i = 0; i < 100; i++) {
    const [a, b] = r.skills.subarray(2 * i, 2 * i + 2);
    assert.ok(Math.abs(r.failureRate[i] - (1 - (1 - rates[a]) * (1 - rates[b]))) < 1e-15);
  }
  assert.throws(() => tupleCompetence({ graph: g, failed: y, kPrime: 2, tuples: 10, rng: 1, piecesPerTuple: 5 }), /tupleCompetence: piecesPerTuple samples pieces uniformly and is not available with a text measure/);
  assert.throws(() => tupleCompetence({ graph: g, failed: y, kPrime: 3, tuples: 10, rng: 1, pool: [1, 2] }), /tupleCompetence: kPrime = 3 exceeds the number of skills in the pool with at least one text piece \(2\)/);
  assert.throws(() => tupleCompetence({ graph: g, failed: y, kPrime: 2, tuples: 10, rng: 1, draw: "zipf" as never }), /tupleCompetence: draw must be "uniform" or "measure", got "zipf"/);
});
