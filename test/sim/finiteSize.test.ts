/**
 * The finite-size union bound of Theorem 8 (Arora & Goyal 2023) and its log-binomials.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { finiteSizeBound, finiteSizeBetaMin } from "../../src/sim/finiteSize";
import { theorem8Condition, betaMin } from "../../src/theory/theorem8";

test("perText tends to the theorem's left side as N_t/N_s grows, the gap being about (N_s/N_t) H(alpha)", () => {
  const base = { skills: 1000, k: 8, theta: 0.1, alpha: 0.1, beta: 5 };
  const lhs = theorem8Condition({ theta: 0.1, k: 8, alpha: 0.1, beta: 5 });
  let prevGap = Infinity;
  for (const ratio of [10, 100, 1000, 10000]) {
    const b = finiteSizeBound({ ...base, texts: 1000 * ratio });
    assert.ok(Math.abs(b.asymptotic - lhs) < 1e-12, "asymptotic = theorem8Condition (theory's implementation)");
    const gap = b.perText - lhs;
    assert.ok(gap > 0 && gap < prevGap, `gap ${gap} shrinks`);
    // Stirling: ln C(n, pn) = n H(p) - 0.5 ln(2 pi n p (1-p)) + O(1/n): the gap is
    // (N_s/N_t) H(alpha) minus O(log N / N_t) corrections.
    assert.ok(Math.abs(gap - b.skillSetTermApprox) < (2 * Math.log(1000 * ratio) + 5) / (1000 * ratio), `ratio ${ratio}`);
    prevGap = gap;
  }
});

test("finiteSizeBetaMin: bound holds at the returned beta, lies above beta_min, and tends to it", () => {
  const bm = betaMin({ theta: 0.1, k: 8, alpha: 0.1 });
  assert.ok(bm.feasible);
  let prev = Infinity;
  for (const ratio of [3, 30, 300, 3000]) {
    const r = finiteSizeBetaMin({ skills: 200, texts: 200 * ratio, k: 8, theta: 0.1, alpha: 0.1 });
    assert.ok(r.feasible);
    assert.ok(r.bound.logProbabilityBound <= 0);
    const below = finiteSizeBound({ skills: 200, texts: 200 * ratio, k: 8, theta: 0.1, alpha: 0.1, beta: r.beta - 1e-6 });
    assert.ok(below.logProbabilityBound > 0, "it is the smallest such beta (to 1e-6)");
    assert.ok(r.beta > bm.beta && r.beta < prev, `ratio ${ratio}: ${r.beta}`);
    prev = r.beta;
  }
  assert.ok(prev - bm.beta < 0.01);
  // infeasible: k = 1, theta = alpha = 1/2: even at beta = 1/alpha the tail exp(-50 ln 2) cannot beat
  // the C(100, 50) = e^66.8 failure sets.
  const bad = finiteSizeBetaMin({ skills: 10, texts: 100, k: 1, theta: 0.5, alpha: 0.5 });
  assert.equal(bad.feasible, false);
});

test("validation", () => {
  assert.throws(() => finiteSizeBound({ skills: 10, texts: 100, k: 2, theta: 0.1, alpha: 1, beta: 1 }), /finiteSizeBound: alpha must be in the open interval \(0, 1\).*, got 1/);
  assert.throws(() => finiteSizeBound({ skills: 10, texts: 100, k: 2, theta: 0.1, alpha: 0.5, beta: 3 }), /finiteSizeBound: beta must be a finite number in \[0, 2\], got 3/);
  assert.throws(() => finiteSizeBetaMin({ skills: 0, texts: 100, k: 2, theta: 0.1, alpha: 0.5 }), /finiteSizeBetaMin: skills must be an integer/);
});
