/**
 * skillGraph with a skill measure μ1 and a text measure μ2: uniform stays bit for bit, seeded snapshots,
 * i.i.d. slot frequencies, and the exact law of successive sampling for distinct skills.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { skillGraph, type SkillGraph } from "../../src/graphs/skillGraph";
import { zipfMeasure } from "../../src/graphs/measures";
import { ALPHA, chiSquareTest } from "../random/stats-helpers";

function csrMatches(g: SkillGraph): void {
  const lists: number[][] = Array.from({ length: g.skills }, () => []);
  for (let t = 0; t < g.texts; t++) for (let j = 0; j < g.k; j++) lists[g.textSkills[t * g.k + j]].push(t);
  for (let s = 0; s < g.skills; s++) assert.deepEqual(Array.from(g.skillTexts.subarray(g.skillOffsets[s], g.skillOffsets[s + 1])), lists[s]);
}

test("uniform measures leave skillGraph's seeded output unchanged, bit for bit", () => {
  for (const distinct of [true, false]) {
    const base = skillGraph({ skills: 40, texts: 300, k: 4, rng: "same", distinct });
    for (const skillMeasure of [{ family: "uniform" as const }, { family: "zipf" as const, exponent: 0 }, new Array(40).fill(2.5), new Float64Array(40).fill(1 / 40)]) {
      const g = skillGraph({ skills: 40, texts: 300, k: 4, rng: "same", distinct, skillMeasure, textMeasure: new Array(300).fill(7) });
      assert.deepEqual(g, base, `uniform ${JSON.stringify(skillMeasure).slice(0, 40)} changed the graph`);
    }
  }
});

test("skillGraph with Zipf(1) skills: exact seeded SNAPSHOTS (i.i.d. and distinct)", () => {
  // Recorded from this implementation (alias table, one 53-bit uniform per draw) on seed "snapshot".
  const iid = skillGraph({ skills: 10, texts: 5, k: 3, rng: "snapshot", distinct: false, skillMeasure: { family: "zipf", exponent: 1 } });
  assert.deepEqual(Array.from(iid.textSkills), SNAP_IID);
  const dis = skillGraph({ skills: 10, texts: 5, k: 3, rng: "snapshot", skillMeasure: { family: "zipf", exponent: 1 } });
  assert.deepEqual(Array.from(dis.textSkills), SNAP_DISTINCT);
  csrMatches(iid);
  csrMatches(dis);
});
const SNAP_IID = [1, 0, 2, 0, 2, 2, 6, 2, 5, 2, 0, 0, 0, 4, 8];
const SNAP_DISTINCT = [1, 0, 2, 0, 2, 6, 2, 5, 0, 0, 4, 8, 3, 9, 0];

test("measures are stored normalised; the Zipf measure is p_r ∝ (r+1)^-s", () => {
  const g = skillGraph({ skills: 4, texts: 3, k: 2, rng: 1, skillMeasure: [4, 3, 2, 1], textMeasure: [1, 1, 2] });
  assert.deepEqual(Array.from(g.skillMeasure!), [0.4, 0.3, 0.2, 0.1]);
  assert.deepEqual(Array.from(g.textMeasure!), [0.25, 0.25, 0.5]);
  const z = zipfMeasure({ n: 4, exponent: 2 });
  const h = 1 + 1 / 4 + 1 / 9 + 1 / 16;
  [1, 1 / 4, 1 / 9, 1 / 16].forEach((x, i) => assert.ok(Math.abs(z[i] - x / h) < 1e-16));
});

test("i.i.d. draws: every slot is an independent draw from μ1 (chi-square on slot frequencies and on ordered pairs)", () => {
  const p = zipfMeasure({ n: 20, exponent: 1 });
  const g = skillGraph({ skills: 20, texts: 20_000, k: 5, rng: "iid-freq", distinct: false, skillMeasure: p });
  const counts = new Float64Array(20);
  for (const s of g.textSkills) counts[s]++;
  let chi = chiSquareTest(counts, p);
  assert.ok(chi.pValue > ALPHA, `slots: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  // pairs (slot 0, slot 1) of a piece: independent, so P(a, b) = p_a p_b
  const q = [0.5, 0.3, 0.2];
  const h = skillGraph({ skills: 3, texts: 30_000, k: 2, rng: "iid-pairs", distinct: false, skillMeasure: q });
  const pc = new Float64Array(9);
  for (let t = 0; t < h.texts; t++) pc[h.textSkills[2 * t] * 3 + h.textSkills[2 * t + 1]]++;
  chi = chiSquareTest(pc, Array.from({ length: 9 }, (_, i) => q[Math.floor(i / 3)] * q[i % 3]));
  assert.ok(chi.pValue > ALPHA, `pairs: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
});

/** Probability of an ordered tuple under successive sampling: ∏ p(s_i) / (1 − p(s_1) − … − p(s_{i−1})). */
function successive(p: number[], tuple: number[]): number {
  let pr = 1;
  let used = 0;
  for (const s of tuple) {
    pr *= p[s] / (1 - used);
    used += p[s];
  }
  return pr;
}

function orderedTuples(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (cur: number[]): void => {
    if (cur.length === k) {
      out.push([...cur]);
      return;
    }
    for (let s = 0; s < n; s++) if (!cur.includes(s)) rec([...cur, s]);
  }
  rec([]);
  return out;
}

test("distinct draws are successive sampling: ordered k-tuples follow ∏ p(s_i)/(1 − earlier mass) (chi-square, k = 2 and 3)", () => {
  const w = [8, 4, 2, 1, 1];
  const p = w.map((x) => x / 16);
  for (const k of [2, 3]) {
    const all = orderedTuples(5, k);
    const index = new Map(all.map((t, i) => [t.join(","), i]));
    const g = skillGraph({ skills: 5, texts: 60_000, k, rng: `successive-${k}`, skillMeasure: w });
    const counts = new Float64Array(all.length);
    for (let t = 0; t < g.texts; t++) counts[index.get(Array.from(g.textSkills.subarray(k * t, k * t + k)).join(","))!]++;
    const probs = all.map((t) => successive(p, t));
    assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-12, "the reference law sums to 1");
    const chi = chiSquareTest(counts, probs);
    assert.ok(chi.pValue > ALPHA, `k = ${k}: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
    // Power: the same counts against "i.i.d. draws conditioned on being distinct" (∝ ∏ p) must be rejected.
    const cond = all.map((t) => t.reduce((a, s) => a * p[s], 1));
    const z = cond.reduce((a, b) => a + b, 0);
    const wrong = chiSquareTest(counts, cond.map((x) => x / z));
    assert.ok(wrong.pValue < ALPHA, `k = ${k}: the conditioned-i.i.d. law should be rejected, p = ${wrong.pValue}`);
  }
});

test("skillGraph measures: bad arguments throw errors naming the argument and value", () => {
  const rng = createRng(1);
  assert.throws(() => skillGraph({ skills: 3, texts: 5, k: 2, rng, skillMeasure: [1, 2] }), /skillGraph: skillMeasure must have one weight per item \(3\), got 2/);
  assert.throws(() => skillGraph({ skills: 3, texts: 5, k: 2, rng, skillMeasure: [1, -1, 2] }), /skillGraph: skillMeasure\[1\] must be a finite number >= 0, got -1/);
  assert.throws(() => skillGraph({ skills: 3, texts: 5, k: 2, rng, textMeasure: [0, 0, 0, 0, 0] }), /skillGraph: textMeasure must have a finite positive sum, got 0/);
  assert.throws(() => skillGraph({ skills: 3, texts: 5, k: 2, rng, skillMeasure: { family: "pareto" } as never }), /skillGraph: skillMeasure.family must be "uniform" or "zipf", got "pareto"/);
  assert.throws(() => skillGraph({ skills: 3, texts: 5, k: 2, rng, skillMeasure: { family: "zipf", exponent: -1 } }), /skillGraph: skillMeasure.exponent must be a finite number >= 0, got -1/);
  // k distinct skills need mass outside the k-1 heaviest: here only 2 skills have weight.
  assert.throws(() => skillGraph({ skills: 4, texts: 5, k: 3, rng, skillMeasure: [1, 1, 0, 0] }), /skillGraph: skillMeasure is too concentrated for k = 3 distinct skills/);
  assert.doesNotThrow(() => skillGraph({ skills: 4, texts: 5, k: 3, rng, skillMeasure: [1, 1, 0, 0], distinct: false }));
});

test("zipfMeasure: n beyond the memory budget is a BudgetError naming zipfMeasure, before any allocation", async () => {
  const { setBudget } = await import("../../src/budget");
  const previous = setBudget({ maxBytes: 2 ** 20 });
  try {
    assert.throws(() => zipfMeasure({ n: 2 ** 32, exponent: 1 }), (e: Error) => e.name === "BudgetError" && /^zipfMeasure: needs about 32\.0 GiB for 4294967296 Zipf weights/.test(e.message));
    assert.equal(zipfMeasure({ n: 1000, exponent: 1 }).length, 1000); // 8 KB fits
  } finally {
    setBudget(previous);
  }
});
