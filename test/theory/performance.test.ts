import { test } from "node:test";
import * as assert from "node:assert/strict";
import { alphaGrid, performanceCurve } from "../../src/theory/performanceCurve";
import { betaMin } from "../../src/theory/theorem8";

const alphas = alphaGrid({ from: 0.001, to: 0.5, count: 60 });

test("performanceCurve: kPrime = 1 is Theorem 8 point by point, with vacuous flags", () => {
  const curve = performanceCurve({ theta: 0.1, k: 8, alphas });
  assert.equal(curve.length, alphas.length);
  curve.forEach((p, i) => {
    assert.equal(p.alpha, alphas[i]);
    const r = betaMin({ theta: 0.1, k: 8, alpha: alphas[i] });
    assert.equal(p.feasible, r.feasible);
    if (r.feasible) {
      assert.equal(p.betaMin, r.beta);
      assert.equal(p.competence, 1 - r.beta * 0.1);
      assert.equal(p.vacuous, 1 - r.beta * 0.1 < 0);
    } else {
      assert.equal(p.competence, null);
      assert.equal(p.vacuous, true);
    }
  });
  // the guarantee improves as more skills are allowed to lag (larger alpha)
  const comps = curve.filter((p) => p.feasible).map((p) => p.competence as number);
  for (let i = 1; i < comps.length; i++) assert.ok(comps[i] > comps[i - 1]);
});

test("performanceCurve: Corollary 13 holds exactly: the k'-tuple curve at theta/k' is the single-skill curve at theta", () => {
  for (const theta of [0.2, 0.1, 0.05, 0.01]) {
    const single = performanceCurve({ theta, k: 8, alphas });
    for (const kPrime of [2, 4, 8, 16]) {
      // powers of two: kPrime * (theta / kPrime) === theta in floating point, so the curves are bit-equal
      assert.deepEqual(performanceCurve({ theta: theta / kPrime, k: 8, kPrime, alphas }), single, `k'=${kPrime}, theta=${theta}`);
    }
    for (const kPrime of [3, 5, 7]) {
      // other k': kPrime * (theta / kPrime) may differ from theta by one ulp; the curves agree to 1e-15
      const tuple = performanceCurve({ theta: theta / kPrime, k: 8, kPrime, alphas });
      tuple.forEach((p, i) => {
        assert.equal(p.feasible, single[i].feasible);
        if (p.competence !== null && single[i].competence !== null) {
          assert.ok(Math.abs(p.competence - (single[i].competence as number)) <= 1e-15, `k'=${kPrime}, alpha=${p.alpha}`);
        }
      });
    }
  }
});

test("performanceCurve: Takeaway 1: halving theta lifts 2k'-tuples exactly to the old k'-tuple curve", () => {
  for (const kPrime of [1, 2, 4]) {
    const before = performanceCurve({ theta: 0.04, k: 8, kPrime, alphas });
    const after = performanceCurve({ theta: 0.02, k: 8, kPrime: 2 * kPrime, alphas });
    assert.deepEqual(after, before);
  }
});

test("performanceCurve: tuples do worse than single skills at the same theta; theta' >= 1 is infeasible, not NaN", () => {
  const one = performanceCurve({ theta: 0.05, k: 8, alphas });
  const four = performanceCurve({ theta: 0.05, k: 8, kPrime: 4, alphas });
  one.forEach((p, i) => {
    if (p.competence !== null && four[i].competence !== null) assert.ok((four[i].competence as number) < p.competence);
  });
  const none = performanceCurve({ theta: 0.2, k: 8, kPrime: 8, alphas: [0.1, 0.3] });
  for (const p of none) {
    assert.equal(p.feasible, false);
    assert.equal(p.competence, null);
    assert.equal(p.vacuous, true);
    assert.match(p.reason ?? "", /theta' = kPrime\*theta/);
  }
});

test("performanceCurve / alphaGrid: validation", () => {
  assert.throws(() => performanceCurve({ theta: 0.1, k: 8, alphas: [] }), /performanceCurve: alphas must be a non-empty array/);
  assert.throws(() => performanceCurve({ theta: 0.1, k: 8, alphas: [0.1, 1.2] }), /performanceCurve: alphas\[1\] .* got 1.2/);
  assert.throws(() => performanceCurve({ theta: 0.1, k: 8, kPrime: 0, alphas: [0.1] }), /performanceCurve: kPrime must be an integer >= 1, got 0/);
  assert.throws(() => performanceCurve({ theta: 1, k: 8, alphas: [0.1] }), /performanceCurve: theta .* got 1/);
  assert.throws(() => alphaGrid({ from: 0.3, to: 0.2 }), /alphaGrid: to must be > from/);
  assert.throws(() => alphaGrid({ count: 1 }), /alphaGrid: count must be an integer >= 2, got 1/);
  const g = alphaGrid({ from: 0.01, to: 0.1, count: 3 });
  assert.equal(g[0], 0.01);
  assert.equal(g[2], 0.1);
  assert.ok(Math.abs(g[1] - Math.sqrt(0.001)) < 1e-15);
});
