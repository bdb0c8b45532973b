/**
 * Per-skill failure rates and competence (Arora & Goyal 2023, Section 5), checked against a
 * brute-force count that walks the OTHER side of the CSR graph (skill -> texts), so a bug in the
 * text -> skills pass of the code under test cannot be mirrored by the reference.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { skillCompetence, fractionOfSkillsFailing, worstFractionFailureRate, failureRateSpread } from "../../src/sim/competence";
import { randomFailureSet, toFailureMask } from "../../src/sim/failures";
import { createRng } from "../../src/random/rng";
import { graphFromTextSkills, randomTestGraph } from "./helpers";
import type { SkillGraph } from "../../src/graphs/skillGraph";

function bruteRates(g: SkillGraph, mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let s = 0; s < g.skills; s++) {
    let bad = 0;
    const lo = g.skillOffsets[s];
    const hi = g.skillOffsets[s + 1];
    for (let e = lo; e < hi; e++) bad += mask[g.skillTexts[e]];
    out.push(hi > lo ? bad / (hi - lo) : 0);
  }
  return out;
}

test("a hand-made graph: rates by hand", () => {
  // 4 skills, 5 texts, k = 2. Texts: 0:{0,1} 1:{1,2} 2:{2,3} 3:{0,2} 4:{1,3}; Y = {1, 3}.
  const g = graphFromTextSkills(4, 2, [0, 1, 1, 2, 2, 3, 0, 2, 1, 3]);
  const r = skillCompetence(g, [1, 3]);
  // skill 0: texts {0,3} -> 1/2; skill 1: {0,1,4} -> 1/3; skill 2: {1,2,3} -> 2/3; skill 3: {2,4} -> 0
  assert.deepEqual(Array.from(r.failureRate), [1 / 2, 1 / 3, 2 / 3, 0]);
  assert.deepEqual(Array.from(r.competence), [1 / 2, 1 - 1 / 3, 1 - 2 / 3, 1]);
  assert.equal(r.theta, 2 / 5);
  assert.equal(r.isolatedSkills, 0);
  // fraction with rate >= beta*theta for beta = 1.25: threshold 0.5 -> skills 0 and 2
  assert.equal(fractionOfSkillsFailing({ failureRate: r.failureRate, theta: 0.4, beta: 1.25 }), 0.5);
});

test("per-skill rates equal a brute-force count on random small graphs (mask and list inputs)", () => {
  const rng = createRng("competence-brute");
  for (let trial = 0; trial < 30; trial++) {
    const skills = 3 + rng.int(20);
    const k = 1 + rng.int(Math.min(4, skills));
    const texts = 1 + rng.int(60);
    const g = randomTestGraph(skills, texts, k, `g${trial}`);
    const theta = rng.next();
    const mask = randomFailureSet({ texts, theta, rng: rng.fork(`y${trial}`) });
    const want = bruteRates(g, mask);
    const got = skillCompetence(g, mask);
    for (let s = 0; s < skills; s++) {
      assert.ok(Math.abs(got.failureRate[s] - want[s]) < 1e-15, `trial ${trial} skill ${s}`);
      assert.ok(Math.abs(got.competence[s] - (1 - want[s])) < 1e-15);
    }
    const list: number[] = [];
    mask.forEach((v, t) => v && list.push(t));
    assert.deepEqual(Array.from(skillCompetence(g, list).failureRate), Array.from(got.failureRate));
    // fraction failing against a direct count
    const beta = 0.5 + 2 * rng.next();
    const th = list.length / texts;
    const direct = want.filter((x) => x >= beta * th - 1e-12).length / skills;
    assert.equal(fractionOfSkillsFailing({ failureRate: got.failureRate, theta: th, beta }), direct);
  }
});

test("i.i.d. draws with repeated skills: an edge counts once per occurrence", () => {
  // text 0 = {0, 0}, text 1 = {0, 1}; Y = {0}: skill 0 has 3 edges, 2 of them failed.
  const g = graphFromTextSkills(2, 2, [0, 0, 0, 1], false);
  const r = skillCompetence(g, [0]);
  assert.deepEqual(Array.from(r.failureRate), [2 / 3, 0]);
});

test("isolated skills are reported, with rate 0", () => {
  const g = graphFromTextSkills(3, 1, [0, 0, 1]);
  const r = skillCompetence(g, [0]);
  assert.equal(r.isolatedSkills, 1);
  assert.deepEqual(Array.from(r.failureRate), [0.5, 0, 0]);
});

test("worstFractionFailureRate is the ceil(alpha n)-th largest rate (against a sort)", () => {
  const rng = createRng("worst");
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + rng.int(40);
    const rates = Array.from({ length: n }, () => rng.int(5) / 4);
    const alpha = 0.01 + 0.98 * rng.next();
    const sorted = [...rates].sort((a, b) => b - a);
    assert.equal(worstFractionFailureRate(rates, alpha), sorted[Math.ceil(alpha * n) - 1]);
  }
});

test("failureRateSpread: mean and std against a direct two-pass computation", () => {
  const g = randomTestGraph(50, 2000, 3, "spread");
  const r = skillCompetence(g, randomFailureSet({ texts: 2000, theta: 0.2, rng: 4 }));
  const s = failureRateSpread(r, 2000);
  const xs = Array.from(r.failureRate);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  assert.ok(Math.abs(s.mean - mean) < 1e-12);
  assert.ok(Math.abs(s.std - std) < 1e-12);
  assert.ok(Math.abs(s.meanDegree - (2000 * 3) / 50) < 1e-12);
});

test("concentration: the std of rates matches the hypergeometric prediction (statistical)", () => {
  // Var(std estimate): with n skills the sample variance of near-normal rates has relative sd
  // sqrt(2/(n-1)); 5 of those (~0.1 for n = 5000 -> 5*0.02) bound the relative error of the variance.
  const skills = 5000;
  const texts = 50000;
  const g = randomTestGraph(skills, texts, 4, "conc");
  const r = skillCompetence(g, randomFailureSet({ texts, theta: 0.1, rng: "conc-y" }));
  const s = failureRateSpread(r, texts);
  const relVar = Math.abs(s.std ** 2 / s.predictedStd ** 2 - 1);
  assert.ok(relVar < 5 * Math.sqrt(2 / (skills - 1)), `relative variance error ${relVar}`);
  assert.ok(Math.abs(s.mean - 0.1) < 5 * s.predictedStd / Math.sqrt(skills) + 1e-3);
});

test("validation: errors name the function, the argument and the value", () => {
  const g = graphFromTextSkills(2, 1, [0, 1]);
  assert.throws(() => skillCompetence(g, [5]), /skillCompetence: failed\[0\] must be a text index in \[0, 1\], got 5/);
  assert.throws(() => skillCompetence(g, new Uint8Array(3)), /skillCompetence: failed \(a failure mask\) must have length texts = 2, got 3/);
  assert.throws(() => toFailureMask(Uint8Array.from([0, 2]), 2), /toFailureMask: failed\[1\] \(a failure mask entry\) must be 0 or 1, got 2/);
  assert.throws(() => skillCompetence({ ...g, textSkills: new Uint32Array(1) }, [0]), /skillCompetence: graph.textSkills/);
  assert.throws(() => fractionOfSkillsFailing({ failureRate: [0.1], theta: 1.5, beta: 1 }), /fractionOfSkillsFailing: theta must be a finite number in \[0, 1\], got 1.5/);
  assert.throws(() => fractionOfSkillsFailing({ failureRate: [0.1], theta: 0.1, beta: NaN }), /beta .* got NaN/);
  assert.throws(() => worstFractionFailureRate([0.1], 0), /alpha must be in \(0, 1\], got 0/);
  assert.throws(() => failureRateSpread({} as never, 3), /failureRateSpread: result must be the output of skillCompetence/);
});
