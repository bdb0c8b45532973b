import { test } from "node:test";
import * as assert from "node:assert/strict";
import { HOFFMANN_2022, computeOptimal, type ScalingParams } from "../../src/scaling/law";
import { emergenceCompute, emergenceVsScale, thetaComputeFactor, thetaScaleFactor } from "../../src/theory/emergence";
import { performanceCurve } from "../../src/theory/performanceCurve";

const computes = [1e18, 1e20, 1e22, 1e24, 1e26];

test("emergenceVsScale: each row chains computeOptimal -> theta = min(1, 2 delta) -> performanceCurve", () => {
  const rows = emergenceVsScale({ params: HOFFMANN_2022, computes, k: 8, alpha: 0.3 });
  assert.equal(rows.length, computes.length);
  rows.forEach((r, i) => {
    const opt = computeOptimal(computes[i], HOFFMANN_2022);
    assert.equal(r.compute, computes[i]);
    assert.ok(Math.abs((6 * r.N * r.D) / computes[i] - 1) < 1e-12, "C = 6 N D");
    assert.equal(r.reducibleLoss, opt.reducibleLoss);
    assert.equal(r.theta, Math.min(1, 2 * opt.reducibleLoss));
    assert.deepEqual(r.tuples.map((t) => t.kPrime), [1, 2, 4, 8]);
    for (const t of r.tuples) {
      assert.equal(t.thetaPrime, t.kPrime * r.theta);
      if (t.thetaPrime < 1) {
        const [p] = performanceCurve({ theta: r.theta, k: 8, kPrime: t.kPrime, alphas: [0.3] });
        assert.equal(t.competence, p.competence);
        assert.equal(t.feasible, p.feasible);
      } else {
        assert.equal(t.feasible, false);
        assert.equal(t.competence, null);
        assert.ok(t.reason);
      }
    }
  });
  // more compute, fewer failures, and (where defined) more competence
  for (let i = 1; i < rows.length; i++) {
    assert.ok(rows[i].theta <= rows[i - 1].theta);
    rows[i].tuples.forEach((t, j) => {
      const prev = rows[i - 1].tuples[j].competence;
      if (t.competence !== null && prev !== null) assert.ok(t.competence > prev);
    });
  }
});

test("emergenceVsScale: thetaFactor and kPrimes options; validation", () => {
  const [r] = emergenceVsScale({ params: HOFFMANN_2022, computes: [1e24], k: 8, alpha: 0.3, kPrimes: [1, 3], thetaFactor: 1.1 });
  assert.equal(r.theta, Math.min(1, 1.1 * r.reducibleLoss));
  assert.deepEqual(r.tuples.map((t) => t.kPrime), [1, 3]);
  assert.throws(() => emergenceVsScale({ params: HOFFMANN_2022, computes: [0], k: 8, alpha: 0.3 }), /emergenceVsScale: computes\[0\] must be a finite number > 0, got 0/);
  assert.throws(() => emergenceVsScale({ params: HOFFMANN_2022, computes: [1e20], k: 8, alpha: 0.3, kPrimes: [0] }), /kPrimes\[0\] must be an integer >= 1/);
  assert.throws(() => emergenceVsScale({ params: null as never, computes: [1e20], k: 8, alpha: 0.3 }), /emergenceVsScale: params must be/);
});

test("thetaComputeFactor: on the compute-optimal frontier halving theta costs 2^((a+b)/(ab)) compute (closed form)", () => {
  const other: ScalingParams = { E: 1.8, A: 482, B: 2085, alpha: 0.35, beta: 0.37 };
  for (const params of [HOFFMANN_2022, other]) {
    for (const ratio of [0.5, 0.25]) {
      const a = params.alpha;
      const b = params.beta;
      // reducible loss on the frontier is proportional to C^(-ab/(a+b)) (both terms scale alike at the optimum)
      const expected = Math.pow(ratio, -(a + b) / (a * b));
      const got = thetaComputeFactor({ params, compute: 1e21, ratio });
      assert.ok(Math.abs(got / expected - 1) < 1e-9, `${got} vs ${expected}`);
    }
  }
});

test("thetaScaleFactor: the factor s on N and D solves the halving equation and lies between 2^(1/a) and 2^(1/b)", () => {
  const p = HOFFMANN_2022;
  const red = (N: number, D: number) => p.A * N ** -p.alpha + p.B * D ** -p.beta;
  for (const [N, D] of [
    [7e10, 1.4e12],
    [1e9, 2e10],
    [1e12, 1e13],
  ]) {
    const { factor, computeFactor } = thetaScaleFactor({ params: p, N, D });
    assert.ok(Math.abs(red(factor * N, factor * D) / red(N, D) - 0.5) < 1e-10);
    assert.ok(factor > 2 ** (1 / p.alpha) && factor < 2 ** (1 / p.beta), `s = ${factor}`);
    assert.ok(Math.abs(computeFactor - factor * factor) < 1e-9 * computeFactor);
  }
  assert.throws(() => thetaScaleFactor({ params: p, N: 1e9, D: 1e10, ratio: 1 }), /thetaScaleFactor: ratio .* got 1/);
});

test("emergenceCompute: threshold where the guarantee turns non-vacuous; 2k' needs the theta-halving compute factor more (Corollary 13)", () => {
  const base = { params: HOFFMANN_2022, k: 8, alpha: 0.3 };
  const one = emergenceCompute({ ...base, kPrime: 1 });
  const two = emergenceCompute({ ...base, kPrime: 2 });
  assert.ok(one.reached && two.reached);
  if (!one.reached || !two.reached) return;
  // at the threshold the guarantee is ~0 from above, and just below it is negative (or absent)
  assert.ok(one.competence >= 0 && one.competence < 1e-6);
  const [below] = emergenceVsScale({ ...base, computes: [one.compute * (1 - 1e-6)], kPrimes: [1] });
  assert.ok(below.tuples[0].competence === null || below.tuples[0].competence < 0);
  // Corollary 13 + the frontier: the ratio of thresholds is the compute that halves theta, 2^((a+b)/(ab))
  const a = HOFFMANN_2022.alpha;
  const b = HOFFMANN_2022.beta;
  assert.ok(Math.abs(two.compute / one.compute / 2 ** ((a + b) / (a * b)) - 1) < 1e-8);
  const never = emergenceCompute({ ...base, kPrime: 8, range: [1e18, 1e20] });
  // the threshold exists far out even for 8-tuples (theta must fall below 1/8 of the 1-tuple threshold)
  assert.equal(emergenceCompute({ ...base, kPrime: 8 }).reached, true);
  assert.equal(never.reached, false);
  assert.throws(() => emergenceCompute({ ...base, competence: 1 }), /emergenceCompute: competence must be a finite number in \[0, 1\), got 1/);
});
