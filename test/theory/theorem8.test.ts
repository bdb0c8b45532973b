import { test } from "node:test";
import * as assert from "node:assert/strict";
import { betaMin, theorem8Condition, theorem8ConditionKl } from "../../src/theory/theorem8";
import { binaryEntropy } from "../../src/theory/entropy";

/** Direct transcription of the paper's left side with Math.log only (Arora & Goyal 2023, Theorem 8). */
function directCondition(theta: number, k: number, alpha: number, beta: number): number {
  const H = (x: number) => (x === 0 || x === 1 ? 0 : -x * Math.log(x) - (1 - x) * Math.log(1 - x));
  const ba = beta * alpha;
  return H(theta) + k * theta * (H(ba) - ba * Math.log(1 / alpha) - (1 - ba) * Math.log(1 / (1 - alpha)));
}

test("theorem8Condition: reference value 0.26888293 nats at theta=0.1, k=8, alpha=0.05, beta=3 (issue 6), both forms", () => {
  const args = { theta: 0.1, k: 8, alpha: 0.05, beta: 3 };
  const direct = directCondition(0.1, 8, 0.05, 3);
  // The issue states 0.26888293 (8 decimals); the direct transcription must agree to that precision.
  assert.ok(Math.abs(direct - 0.26888293) < 5e-9, `direct transcription ${direct}`);
  assert.ok(Math.abs(theorem8Condition(args) - direct) < 1e-14);
  assert.ok(Math.abs(theorem8ConditionKl(args) - direct) < 1e-14);
  assert.ok(Math.abs(theorem8Condition(args) - 0.26888293) < 5e-9);
  assert.ok(Math.abs(theorem8ConditionKl(args) - 0.26888293) < 5e-9);
});

test("theorem8Condition: paper form equals KL form across a grid", () => {
  for (const theta of [0, 0.001, 0.05, 0.3, 0.9, 1]) {
    for (const k of [1, 3, 8, 32]) {
      for (const alpha of [0.001, 0.05, 0.4]) {
        for (const beta of [1, 1.5, 4, 1 / alpha]) {
          if (beta * alpha > 1) continue;
          const a = theorem8Condition({ theta, k, alpha, beta });
          const b = theorem8ConditionKl({ theta, k, alpha, beta });
          const d = directCondition(theta, k, alpha, beta);
          assert.ok(Math.abs(a - b) <= 1e-12 * (1 + Math.abs(d)), `forms differ at ${theta},${k},${alpha},${beta}`);
          assert.ok(Math.abs(a - d) <= 1e-12 * (1 + Math.abs(d)), `paper form vs transcription at ${theta},${k},${alpha},${beta}`);
        }
      }
    }
  }
});

test("betaMin: root of the condition, with the right signs just below and above", () => {
  for (const [theta, k, alpha] of [
    [0.1, 8, 0.05],
    [0.1, 8, 0.2],
    [0.05, 4, 0.1],
    [0.2, 16, 0.01],
    [0.001, 16, 0.3],
    [0.4, 32, 0.001],
  ]) {
    const r = betaMin({ theta, k, alpha });
    assert.ok(r.feasible, `feasible at ${theta},${k},${alpha}`);
    if (!r.feasible) continue;
    assert.ok(r.beta > 1 && r.beta <= 1 / alpha);
    assert.ok(Math.abs(directCondition(theta, k, alpha, r.beta)) < 1e-12, `f(betaMin) = ${directCondition(theta, k, alpha, r.beta)}`);
    assert.ok(directCondition(theta, k, alpha, r.beta * (1 - 1e-6)) > 0, "condition fails just below betaMin");
    assert.ok(directCondition(theta, k, alpha, Math.min(1 / alpha, r.beta * (1 + 1e-6))) < 0, "condition holds just above betaMin");
    assert.equal(r.competence, 1 - r.beta * theta);
  }
});

test("betaMin: agrees with scipy.optimize.brentq (independent root finder) to 1e-10", () => {
  // Computed with Debian python3-scipy: brentq on H(theta) - k theta KL(beta alpha || alpha) over [1, 1/alpha],
  // entropies by scipy.stats.entropy, xtol = rtol = 1e-15.
  const ref: [number, number, number, number][] = [
    [0.1, 8, 0.05, 6.755950426568349],
    [0.1, 8, 0.2, 3.0671626307851145],
    [0.05, 4, 0.1, 6.867326070757501],
    [0.2, 16, 0.01, 10.490621078250111],
  ];
  for (const [theta, k, alpha, beta] of ref) {
    const r = betaMin({ theta, k, alpha });
    assert.ok(r.feasible);
    if (r.feasible) assert.ok(Math.abs(r.beta - beta) < 1e-10, `${theta},${k},${alpha}: ${r.beta} vs ${beta}`);
  }
});

test("betaMin: decreasing in theta (H(theta)/theta decreases) and in k; competence decreasing in theta, increasing in k", () => {
  const alpha = 0.05;
  let prevBeta = Infinity;
  let prevComp = Infinity;
  for (const theta of [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]) {
    const r = betaMin({ theta, k: 16, alpha });
    assert.ok(r.feasible);
    if (!r.feasible) continue;
    assert.ok(r.beta < prevBeta, `betaMin not decreasing in theta at ${theta}`);
    assert.ok(r.competence < prevComp, `competence not decreasing in theta at ${theta}`);
    prevBeta = r.beta;
    prevComp = r.competence;
  }
  prevBeta = Infinity;
  prevComp = -Infinity;
  for (const k of [2, 3, 4, 8, 16, 32, 64]) {
    const r = betaMin({ theta: 0.1, k, alpha });
    assert.ok(r.feasible);
    if (!r.feasible) continue;
    assert.ok(r.beta < prevBeta, `betaMin not decreasing in k at ${k}`);
    assert.ok(r.competence > prevComp, `competence not increasing in k at ${k}`);
    prevBeta = r.beta;
    prevComp = r.competence;
  }
});

test("betaMin: infeasible exactly when H(theta) >= k theta log(1/alpha); typed, never NaN", () => {
  // scipy.optimize.brentq refuses (theta=0.01, k=2, alpha=0.3): same signs at both ends of [1, 1/alpha].
  const r = betaMin({ theta: 0.01, k: 2, alpha: 0.3 });
  assert.equal(r.feasible, false);
  if (!r.feasible) assert.match(r.reason, /betaMin: no beta <= 1\/alpha/);
  for (const theta of [1e-6, 0.01, 0.1, 0.5, 0.9, 0.999999]) {
    for (const k of [1, 2, 8, 64]) {
      for (const alpha of [1e-4, 0.01, 0.1, 0.5, 0.9]) {
        const res = betaMin({ theta, k, alpha });
        const expected = binaryEntropy(theta) < k * theta * Math.log(1 / alpha);
        assert.equal(res.feasible, expected, `feasibility at ${theta},${k},${alpha}`);
        if (res.feasible) {
          assert.ok(Number.isFinite(res.beta) && Number.isFinite(res.competence));
        } else {
          assert.equal(typeof res.reason, "string");
        }
      }
    }
  }
});

test("theorem8 / betaMin: impossible arguments throw errors naming the argument", () => {
  assert.throws(() => theorem8Condition({ theta: 1.2, k: 8, alpha: 0.05, beta: 3 }), /theorem8Condition: theta must be .* got 1.2/);
  assert.throws(() => theorem8Condition({ theta: 0.1, k: 2.5, alpha: 0.05, beta: 3 }), /theorem8Condition: k must be an integer >= 1, got 2.5/);
  assert.throws(() => theorem8Condition({ theta: 0.1, k: 8, alpha: 0, beta: 3 }), /theorem8Condition: alpha .* got 0/);
  assert.throws(() => theorem8Condition({ theta: 0.1, k: 8, alpha: 0.5, beta: 3 }), /beta \* alpha must be <= 1/);
  assert.throws(() => theorem8ConditionKl({ theta: 0.1, k: 8, alpha: 0.05, beta: NaN }), /theorem8ConditionKl: beta .* got NaN/);
  assert.throws(() => betaMin({ theta: 0, k: 8, alpha: 0.05 }), /betaMin: theta must be a finite number in \(0, 1\), got 0/);
  assert.throws(() => betaMin({ theta: 0.1, k: 0, alpha: 0.05 }), /betaMin: k must be an integer >= 1, got 0/);
  assert.throws(() => betaMin({ theta: 0.1, k: 8, alpha: 1 }), /betaMin: alpha .* got 1/);
  assert.throws(() => betaMin(null as never), /betaMin: options must be an object/);
});
