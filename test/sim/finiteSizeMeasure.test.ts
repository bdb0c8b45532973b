/**
 * The general-measure finite-size bound: uniform measures give ./finiteSize's bound; the counted skill
 * and failure sets are checked by brute-force enumeration on tiny cases.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { finiteSizeBound, finiteSizeBetaMin } from "../../src/sim/finiteSize";
import { finiteSizeBoundOfMeasure, finiteSizeBetaMinOfMeasure } from "../../src/sim/finiteSizeMeasure";
import { zipfMeasure } from "../../src/graphs/measures";
import { logChoose } from "../../src/combinatorics/counts";

const close = (a: number, b: number, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

test("uniform measures reproduce finiteSizeBound and finiteSizeBetaMin (mean and bounded forms)", () => {
  for (const degrees of ["mean", "bounded"] as const) {
    for (const [skills, texts, alpha, theta] of [[300, 30_000, 0.1, 0.1], [100, 2000, 0.2, 0.05], [50, 500, 0.3, 0.2]] as const) {
      for (const by of ["number", "measure"] as const) {
        for (const beta of [1.5, 3, 1 / alpha - 0.01]) {
          const u = finiteSizeBound({ skills, texts, k: 5, theta, alpha, beta, degrees });
          const g = finiteSizeBoundOfMeasure({ skills, texts, k: 5, theta, alpha, beta, degrees, by, skillMeasure: new Array(skills).fill(1), textMeasure: { family: "uniform" } });
          assert.ok(close(g.logProbabilityBound, u.logProbabilityBound, 1e-10), `${degrees} ${by} beta ${beta}: ${g.logProbabilityBound} vs ${u.logProbabilityBound}`);
          assert.equal(g.logCountSkillSets, u.logCountSkillSets);
          assert.equal(g.logCountFailureSets, u.logCountFailureSets);
        }
        const a = finiteSizeBetaMin({ skills, texts, k: 5, theta, alpha, degrees });
        const b = finiteSizeBetaMinOfMeasure({ skills, texts, k: 5, theta, alpha, degrees, by });
        assert.equal(a.feasible, b.feasible);
        if (a.feasible && b.feasible) assert.ok(Math.abs(a.beta - b.beta) < 1e-8, `${degrees} ${by}: ${a.beta} vs ${b.beta}`);
      }
    }
  }
});

/** All subsets of {0..n-1} as bit masks with a predicate. */
function subsets(n: number, keep: (mask: number) => boolean): number[] {
  const out: number[] = [];
  for (let m = 0; m < 1 << n; m++) if (keep(m)) out.push(m);
  return out;
}
const bits = (m: number) => m.toString(2).split("").filter((c) => c === "1").length;
const measureOf = (m: number, p: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < p.length; i++) if ((m >> i) & 1) s += p[i];
  return s;
};

test("by measure: every minimal skill set of measure >= alpha has a size in the counted range, and they are no more than counted (brute force)", () => {
  const p = zipfMeasure({ n: 12, exponent: 1 });
  for (const alpha of [0.05, 0.2, 0.45]) {
    const b = finiteSizeBoundOfMeasure({ skills: 12, texts: 1000, skillMeasure: p, k: 4, theta: 0.1, alpha, beta: 2 });
    const minimal = subsets(12, (m) => measureOf(m, p) >= alpha && [...Array(12).keys()].every((i) => !((m >> i) & 1) || measureOf(m & ~(1 << i), p) < alpha));
    const sizes = minimal.map(bits);
    assert.ok(Math.min(...sizes) === b.skillSetSizes[0] && Math.max(...sizes) <= b.skillSetSizes[1], `alpha ${alpha}: sizes ${Math.min(...sizes)}..${Math.max(...sizes)} vs ${b.skillSetSizes}`);
    assert.ok(Math.log(minimal.length) <= b.logCountSkillSets + 1e-12);
    assert.equal(b.alphaTail, alpha);
  }
});

test("by number: C(N_s, ceil(alpha N_s)) skill sets and the tail at the measure of the rarest ceil(alpha N_s) skills", () => {
  const p = zipfMeasure({ n: 1000, exponent: 1 });
  const b = finiteSizeBoundOfMeasure({ skills: 1000, texts: 100_000, skillMeasure: p, k: 8, theta: 0.1, alpha: 0.1, beta: 10, by: "number" });
  assert.equal(b.logCountSkillSets, logChoose(1000, 100));
  // the 100 rarest skills are ranks 901..1000: sum of 1/r over H_1000, summed independently here
  let h = 0;
  for (let r = 1000; r >= 1; r--) h += 1 / r;
  let tail = 0;
  for (let r = 1000; r >= 901; r--) tail += 1 / r;
  assert.ok(close(b.alphaTail, tail / h, 1e-12), `${b.alphaTail} vs ${tail / h}`);
});

test("weighted texts: every maximal failure set of measure <= theta is counted (brute force on 10 pieces)", () => {
  const w = [1, 1, 1, 2, 2, 3, 1, 1, 4, 2];
  const total = w.reduce((a, b) => a + b, 0);
  const q = w.map((x) => x / total);
  for (const theta of [0.1, 0.25, 0.5]) {
    const b = finiteSizeBoundOfMeasure({ skills: 20, texts: 10, textMeasure: w, k: 3, theta, alpha: 0.2, beta: 2 });
    const maximal = subsets(10, (m) => measureOf(m, q) <= theta + 1e-12 && [...Array(10).keys()].every((i) => (m >> i) & 1 || measureOf(m | (1 << i), q) > theta + 1e-12));
    const sizes = maximal.map(bits);
    assert.ok(Math.min(...sizes) >= b.failureSetSizes[0] && Math.max(...sizes) <= b.failureSetSizes[1], `theta ${theta}: sizes ${Math.min(...sizes)}..${Math.max(...sizes)} vs ${b.failureSetSizes}`);
    assert.ok(Math.log(maximal.length) <= b.logCountFailureSets + 1e-12);
    assert.equal(b.effectiveTexts, total / 4, "1 / largest weight");
  }
});

test("finiteSizeBetaMinOfMeasure: the bound is <= epsilon at beta and above just below; by number under Zipf needs a larger beta", () => {
  const p = zipfMeasure({ n: 1000, exponent: 1 });
  const base = { skills: 1000, texts: 100_000, skillMeasure: p, k: 8, theta: 0.1, alpha: 0.1 };
  const m = finiteSizeBetaMinOfMeasure({ ...base, by: "measure" });
  const n = finiteSizeBetaMinOfMeasure({ ...base, by: "number" });
  assert.ok(m.feasible && n.feasible);
  for (const r of [m, n]) {
    assert.ok(r.bound.logProbabilityBound <= Math.log(0.01) + 1e-9);
  }
  assert.ok(finiteSizeBoundOfMeasure({ ...base, by: "measure", beta: m.beta * (1 - 1e-6) }).logProbabilityBound > Math.log(0.01));
  assert.ok(n.beta > 3 * m.beta, `by number ${n.beta} vs by measure ${m.beta}`);
  assert.throws(() => finiteSizeBoundOfMeasure({ ...base, beta: 2, by: "weight" as never }), /finiteSizeBoundOfMeasure: by must be "number" or "measure", got "weight"/);
});
