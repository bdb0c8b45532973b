import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { skillGraph, skillDegrees, SkillGraph } from "../../src/graphs/skillGraph";
import { ALPHA, binomialPmf, chiSquareTest } from "../random/stats-helpers";

/** Independent check of the CSR invariants: rebuild skill -> texts by brute force from text -> skills. */
function checkCsr(g: SkillGraph): void {
  assert.equal(g.textSkills.length, g.texts * g.k);
  assert.equal(g.skillOffsets.length, g.skills + 1);
  assert.equal(g.skillOffsets[0], 0);
  assert.equal(g.skillOffsets[g.skills], g.texts * g.k);
  const lists: number[][] = Array.from({ length: g.skills }, () => []);
  for (let t = 0; t < g.texts; t++) {
    const row = Array.from(g.textSkills.subarray(t * g.k, t * g.k + g.k));
    for (const s of row) {
      assert.ok(s < g.skills);
      lists[s].push(t);
    }
    if (g.distinct) assert.equal(new Set(row).size, g.k, `text ${t} has repeated skills ${row}`);
  }
  for (let s = 0; s < g.skills; s++) {
    const got = Array.from(g.skillTexts.subarray(g.skillOffsets[s], g.skillOffsets[s + 1]));
    assert.deepEqual(got, lists[s], `skill ${s}`);
  }
}

test("skillGraph: exact seeded SNAPSHOT (guards the output sequence; statistical tests below check the law)", () => {
  // Snapshot recorded from this implementation on 2026-11-29 (partial Fisher–Yates on Alea seed "snapshot").
  const g = skillGraph({ skills: 10, texts: 5, k: 3, rng: createRng("snapshot") });
  assert.deepEqual(Array.from(g.textSkills), [2, 6, 7, 2, 9, 1, 4, 1, 6, 6, 9, 1, 7, 3, 9]);
  const h = skillGraph({ skills: 10, texts: 5, k: 3, rng: createRng("snapshot"), distinct: false });
  assert.deepEqual(Array.from(h.textSkills), [2, 6, 6, 0, 9, 5, 4, 1, 9, 2, 9, 9, 6, 2, 2]);
});

test("skillGraph: CSR both ways agrees with a brute-force rebuild; same seed -> same graph", () => {
  for (const distinct of [true, false]) {
    const g = skillGraph({ skills: 37, texts: 500, k: 5, rng: createRng(7), distinct });
    checkCsr(g);
    const g2 = skillGraph({ skills: 37, texts: 500, k: 5, rng: "7", distinct });
    assert.deepEqual(g2.textSkills, g.textSkills);
    const d = skillDegrees(g);
    assert.equal(d.reduce((a, b) => a + b, 0), 500 * 5);
  }
  checkCsr(skillGraph({ skills: 4, texts: 50, k: 4, rng: createRng(1) })); // k = skills: every text has all skills
  // Above 2^24 skills the distinct draws use rejection (no scratch permutation): still distinct, in range.
  const huge = skillGraph({ skills: 2 ** 24 + 1, texts: 2000, k: 6, rng: createRng(2) });
  assert.equal(huge.skillOffsets.length, 2 ** 24 + 2);
  for (let t = 0; t < 2000; t++) assert.equal(new Set(huge.textSkills.subarray(6 * t, 6 * t + 6)).size, 6);
  const wide = skillGraph({ skills: 2 ** 24 + 1, texts: 3, k: 200, rng: createRng(3) }); // set-based repeat check
  for (let t = 0; t < 3; t++) assert.equal(new Set(wide.textSkills.subarray(200 * t, 200 * t + 200)).size, 200);
});

test("skillGraph: bad arguments throw errors naming the argument and value", () => {
  const rng = createRng(1);
  assert.throws(() => skillGraph({ skills: 5, texts: 10, k: 6, rng }), /skillGraph: k must be <= skills.*k = 6 > skills = 5/);
  assert.doesNotThrow(() => skillGraph({ skills: 5, texts: 10, k: 6, rng, distinct: false }));
  assert.throws(() => skillGraph({ skills: 0, texts: 10, k: 1, rng }), /skillGraph: skills must be an integer .* got 0/);
  assert.throws(() => skillGraph({ skills: 5, texts: 2.5, k: 1, rng }), /skillGraph: texts .* got 2.5/);
  assert.throws(() => skillGraph({ skills: 5, texts: 10, k: NaN, rng }), /skillGraph: k .* got NaN/);
  assert.throws(() => skillGraph({ skills: 5, texts: 10, k: 2 } as never), /rng is required/);
});

/**
 * Skill degrees. With distinct draws, skill s is in text t with probability k/N_s independently over
 * texts, so deg(s) ~ Binomial(N_t, k/N_s); with i.i.d. draws, deg(s) (counting repeats) ~
 * Binomial(N_t k, 1/N_s). We read ONE skill per graph so that the R observations are independent
 * (degrees within one graph are dependent through their fixed sum), for the first and the last skill.
 */
test("skillGraph: degrees of a skill follow their binomial law (chi-square), distinct and i.i.d.", () => {
  const skills = 50;
  const texts = 200;
  const k = 5;
  const R = 12_000;
  for (const distinct of [true, false]) {
    const rng = createRng(`degrees-${distinct}`);
    const trials = distinct ? texts : texts * k;
    const q = distinct ? k / skills : 1 / skills;
    for (const s of [0, skills - 1]) {
      const h = new Float64Array(trials + 1);
      for (let r = 0; r < R; r++) {
        const g = skillGraph({ skills, texts, k, rng, distinct });
        h[g.skillOffsets[s + 1] - g.skillOffsets[s]]++;
      }
      const chi = chiSquareTest(h, binomialPmf(trials, q));
      assert.ok(chi.pValue > ALPHA, `distinct=${distinct}, skill ${s}: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
    }
  }
});

/** Rank of an ordered k-tuple of distinct values in [0, n) (mixed radix over falling factorial). */
function tupleRank(t: ArrayLike<number>, n: number): number {
  const used: number[] = [];
  let r = 0;
  for (let i = 0; i < t.length; i++) {
    const smaller = t[i] - used.filter((u) => u < t[i]).length;
    r = r * (n - i) + smaller;
    used.push(t[i]);
  }
  return r;
}

test("skillGraph: each text's ordered k-tuple is uniform (120 tuples of 6 skills, k = 3; 36 pairs i.i.d.)", () => {
  const texts = 36_000;
  const g = skillGraph({ skills: 6, texts, k: 3, rng: createRng("tuples") });
  const counts = new Float64Array(120);
  for (let t = 0; t < texts; t++) counts[tupleRank(g.textSkills.subarray(3 * t, 3 * t + 3), 6)]++;
  let chi = chiSquareTest(counts, new Float64Array(120).fill(1 / 120));
  assert.ok(chi.pValue > ALPHA, `distinct tuples: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  const h = skillGraph({ skills: 6, texts, k: 2, rng: createRng("pairs"), distinct: false });
  const pc = new Float64Array(36);
  for (let t = 0; t < texts; t++) pc[h.textSkills[2 * t] * 6 + h.textSkills[2 * t + 1]]++;
  chi = chiSquareTest(pc, new Float64Array(36).fill(1 / 36));
  assert.ok(chi.pValue > ALPHA, `i.i.d. pairs: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
});

test("the tuple check has power: it rejects 'on a repeat, take the next skill' (a common shortcut)", () => {
  const rng = createRng("shortcut");
  const counts = new Float64Array(120);
  for (let t = 0; t < 36_000; t++) {
    const row: number[] = [];
    for (let i = 0; i < 3; i++) {
      let s = Math.floor(rng.next() * 6);
      while (row.includes(s)) s = (s + 1) % 6;
      row.push(s);
    }
    counts[tupleRank(row, 6)]++;
  }
  const chi = chiSquareTest(counts, new Float64Array(120).fill(1 / 120));
  assert.ok(chi.pValue < ALPHA, `shortcut should be rejected, p = ${chi.pValue}`);
});
