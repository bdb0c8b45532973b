import { test } from "node:test";
import * as assert from "node:assert/strict";
import { alphaGrid, performanceCurve } from "../../src/theory/performanceCurve";
import { betaMin } from "../../src/theory/theorem8";

const alphas = alphaGrid({ from: 0.001, to: 0.5, count: 60 });

test("performanceCurve: raw is Theorem 8 point by point; where the root exists it is the envelope", () => {
  const curve = performanceCurve({ theta: 0.1, k: 8, alphas });
  assert.equal(curve.length, alphas.length);
  curve.forEach((p, i) => {
    assert.equal(p.alpha, alphas[i]);
    const r = betaMin({ theta: 0.1, k: 8, alpha: alphas[i] });
    assert.equal(p.raw.feasible, r.feasible);
    if (r.feasible) {
      assert.equal(p.raw.betaMin, r.beta);
      assert.equal(p.raw.competence, 1 - r.beta * 0.1);
      assert.equal(p.raw.vacuous, !(1 - r.beta * 0.1 > 0));
      // the root at alpha is already the best guarantee over alpha' <= alpha
      assert.equal(p.alphaUsed, alphas[i]);
      assert.equal(p.betaMin, r.beta);
      assert.equal(p.competence, p.raw.competence);
      assert.equal(p.vacuous, p.raw.vacuous);
    } else {
      assert.equal(p.raw.competence, null);
      assert.equal(p.raw.vacuous, true);
    }
  });
  // the raw root improves strictly as more skills are allowed to lag (larger alpha), where it exists
  const comps = curve.filter((p) => p.raw.feasible).map((p) => p.raw.competence as number);
  for (let i = 1; i < comps.length; i++) assert.ok(comps[i] > comps[i - 1]);
});

test("performanceCurve: the envelope is non-decreasing in alpha and has no gap, on a grid of (theta, k, k')", () => {
  const fine = alphaGrid({ from: 0.001, to: 0.5, count: 200 });
  let gapsInRaw = 0;
  for (const theta of [0.2, 0.1, 0.05, 0.02, 0.01, 0.001]) {
    for (const k of [1, 2, 3, 4, 8, 16, 32]) {
      for (const kPrime of [1, 2, 4]) {
        if (kPrime * theta >= 1) continue;
        const curve = performanceCurve({ theta, k, kPrime, alphas: fine });
        curve.forEach((p, i) => {
          const where = `theta=${theta}, k=${k}, k'=${kPrime}, alpha=${p.alpha}`;
          assert.equal(p.feasible, true, `gap at ${where}`);
          assert.ok(p.competence !== null && p.alphaUsed !== null && p.betaMin !== null, where);
          assert.ok(p.alphaUsed <= p.alpha, `alpha' > alpha at ${where}`);
          assert.equal(p.competence, 1 - p.betaMin * kPrime * theta, where);
          assert.equal(p.vacuous, !(p.competence > 0), where);
          if (p.raw.competence !== null) assert.ok(p.competence >= p.raw.competence, where);
          else gapsInRaw++;
          if (i > 0) assert.ok(p.competence >= (curve[i - 1].competence as number), `decreases at ${where}`);
        });
      }
    }
  }
  assert.ok(gapsInRaw > 100, `the grid must include alphas where Theorem 8's root does not exist (got ${gapsInRaw})`);
});

/** Binary entropy in nats, written here independently of src/theory/entropy.ts. */
function h(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}
/** The left side of Theorem 8's condition (Arora & Goyal 2023 v2, pp. 8-11), in the paper's form. */
function condition(theta: number, k: number, alpha: number, beta: number): number {
  const x = beta * alpha;
  return h(theta) + k * theta * (h(x) - x * Math.log(1 / alpha) - (1 - x) * Math.log(1 / (1 - alpha)));
}

test("performanceCurve: an envelope value checked by a brute-force scan of alpha' <= alpha and beta", () => {
  // theta = 0.1, k = 2: Theorem 8's root exists only below alpha = exp(-H(0.1)/0.2) = 0.1968...;
  // at alpha = 0.3 the best guarantee comes from the largest feasible alpha'.
  const theta = 0.1;
  const k = 2;
  const alpha = 0.3;
  const [p] = performanceCurve({ theta, k, alphas: [alpha] });
  assert.equal(p.raw.feasible, false);
  assert.match(p.raw.reason ?? "", /alpha < exp\(-H\(theta\)\/\(k\*theta\)\) = 0\.1968/);
  assert.doesNotMatch(p.raw.reason ?? "", /raise alpha/);
  let best = -Infinity;
  let bestAlpha = NaN;
  for (let i = 1; i <= 3000; i++) {
    const a = (alpha * i) / 3000; // alpha' on a grid of (0, alpha]
    for (let j = 0; j <= 4000; j++) {
      const beta = 1 + (j * (1 / a - 1)) / 4000; // beta on a grid of [1, 1/alpha']
      if (condition(theta, k, a, beta) < 0) {
        if (1 - beta * theta > best) {
          best = 1 - beta * theta;
          bestAlpha = a;
        }
        break; // the smallest beta on the grid; larger ones only lower the competence
      }
    }
  }
  const edge = Math.exp(-h(theta) / (k * theta));
  assert.ok(Math.abs(bestAlpha - edge) < 2e-4, `scan's best alpha' ${bestAlpha} vs edge ${edge}`);
  assert.ok(p.competence !== null && p.alphaUsed !== null);
  // the scan is a lower estimate (grid); the envelope may exceed it by the grid resolution only
  assert.ok(p.competence >= best - 1e-12, `envelope ${p.competence} below the scan's ${best}`);
  assert.ok(p.competence - best < 1e-3, `envelope ${p.competence} vs scan ${best}`);
  // and the limit at the edge: beta -> 1/alphaEdge, competence -> 1 - theta/alphaEdge
  assert.ok(Math.abs(p.competence - (1 - theta / edge)) < 1e-6, `${p.competence} vs ${1 - theta / edge}`);
  assert.ok(Math.abs(p.alphaUsed / edge - 1) < 1e-6);
});

test("performanceCurve: vacuous means competence <= 0; a single alpha gives the same envelope as a grid", () => {
  const [tiny] = performanceCurve({ theta: 0.1, k: 8, alphas: [0.001] });
  assert.ok(tiny.competence !== null && tiny.competence <= 0 && tiny.vacuous);
  const grid = performanceCurve({ theta: 0.1, k: 4, alphas });
  for (const i of [0, 20, 45, alphas.length - 1]) {
    const [single] = performanceCurve({ theta: 0.1, k: 4, alphas: [alphas[i]] });
    assert.ok(Math.abs((single.competence as number) - (grid[i].competence as number)) < 1e-12, `alpha=${alphas[i]}`);
  }
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
    assert.equal(p.alphaUsed, null);
    assert.match(p.reason ?? "", /theta' = kPrime\*theta/);
    assert.match(p.raw.reason ?? "", /lower theta or kPrime/);
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
