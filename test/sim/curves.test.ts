import { test } from "node:test";
import assert from "node:assert/strict";
import { emergenceBoundCurve, measureBoundCurve } from "../../src/sim/curves";
import { theorem8ConditionKl } from "../../src/theory/theorem8";
import { binaryEntropy } from "../../src/math/entropy";

test("emergenceBoundCurve: beta_min solves Theorem 8's condition; none beyond alpha = e^(−H(θ)/(kθ)); the limit lies below", () => {
  const theta = 0.1, k = 2;
  const edge = Math.exp(-binaryEntropy(theta) / (k * theta)); // ≈ 0.197
  const alphas = [0.05, 0.1, 0.15, 0.19, 0.25, 0.4];
  const pts = emergenceBoundCurve({ theta, k, alphas });
  assert.deepEqual(pts.map((p) => p.alpha), alphas);
  for (const p of pts) {
    if (p.alpha < edge) {
      assert.ok(p.theoremBeta !== null);
      assert.ok(Math.abs(theorem8ConditionKl({ theta, k, alpha: p.alpha, beta: p.theoremBeta })) < 1e-9, `condition at alpha ${p.alpha}`);
      assert.ok(p.limitBeta <= p.theoremBeta, "no failure set beats the bound in the limit");
    } else {
      assert.equal(p.theoremBeta, null);
    }
    assert.ok(p.limitBeta >= 1 && p.limitBeta <= 1 / p.alpha);
  }
  assert.throws(() => emergenceBoundCurve({ theta: 0, k: 2, alphas: [0.1] }), /emergenceBoundCurve: theta/);
  assert.throws(() => emergenceBoundCurve({ theta: 0.1, k: 2, alphas: [1] }), /emergenceBoundCurve: alphas\[0\]/);
});

test("measureBoundCurve: with uniform skills the bound by number is the bound by measure", () => {
  const uniform = new Array(100).fill(0.01);
  const pts = measureBoundCurve({ theta: 0.1, k: 8, alphas: [0.05, 0.1, 0.2], skillMeasure: uniform });
  for (const p of pts) {
    assert.ok(Math.abs(p.rarestMeasure - p.alpha) < 1e-12);
    assert.ok(p.numberBeta !== null && p.theoremBeta !== null && Math.abs(p.numberBeta - p.theoremBeta) < 1e-9);
  }
  // Zipf-like skills: the rarest alpha of the skills weigh less than alpha, so the bound by number is weaker.
  const zipf = Array.from({ length: 100 }, (_, i) => 1 / (i + 1));
  const total = zipf.reduce((a, b) => a + b, 0);
  for (const p of measureBoundCurve({ theta: 0.1, k: 8, alphas: [0.05, 0.1], skillMeasure: zipf.map((w) => w / total) })) {
    assert.ok(p.rarestMeasure < p.alpha);
    assert.ok(p.numberBeta === null || (p.theoremBeta !== null && p.numberBeta > p.theoremBeta));
  }
});
