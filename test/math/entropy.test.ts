/** The unchecked binary entropy, KL and KL inverse of src/math/entropy, against closed forms. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { binaryEntropy, klBernoulli, klBernoulliInverse } from "../../src/math/entropy";

test("binaryEntropy: H(1/2) = log 2, H(0) = H(1) = 0, symmetric, equal to the textbook formula", () => {
  assert.equal(binaryEntropy(0.5), Math.LN2);
  assert.equal(binaryEntropy(0), 0);
  assert.equal(binaryEntropy(1), 0);
  // Small p: -p log p + p - p^2/2 + O(p^3) (the series of -(1-p) log(1-p)), where the naive formula loses digits.
  const tiny = 1e-9;
  assert.ok(Math.abs(binaryEntropy(tiny) - (-tiny * Math.log(tiny) + tiny - tiny * tiny / 2)) <= 1e-15 * binaryEntropy(tiny));
  for (const p of [0.01, 0.3, 0.77]) {
    const direct = -p * Math.log(p) - (1 - p) * Math.log(1 - p);
    assert.ok(Math.abs(binaryEntropy(p) - direct) <= 1e-12 * direct, `p = ${p}`);
    assert.ok(Math.abs(binaryEntropy(p) - binaryEntropy(1 - p)) <= 1e-12 * direct, `symmetry at p = ${p}`);
  }
});

test("klBernoulli: 0 at q = p, Infinity off the support, KL(1 || q) = -log q, the textbook formula elsewhere", () => {
  for (const p of [0, 0.2, 0.5, 1]) assert.equal(klBernoulli(p, p), 0);
  assert.equal(klBernoulli(0.3, 0), Infinity);
  assert.equal(klBernoulli(0.3, 1), Infinity);
  assert.equal(klBernoulli(1, 0.25), -Math.log(0.25));
  const [p, q] = [0.9, 0.7];
  const direct = p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
  assert.ok(Math.abs(klBernoulli(p, q) - direct) <= 1e-14);
});

test("klBernoulliInverse: returns the q <= p with KL(p || q) = d", () => {
  assert.equal(klBernoulliInverse(0.8, 0), 0.8);
  assert.equal(klBernoulliInverse(1, 2), Math.exp(-2));
  for (const p of [0.5, 0.6, 0.9, 0.999]) {
    for (const d of [1e-6, 0.01, 0.3, 2, 20]) {
      const q = klBernoulliInverse(p, d);
      assert.ok(q > 0 && q <= p, `q = ${q} in (0, p = ${p}]`);
      assert.ok(Math.abs(klBernoulli(p, q) - d) <= 1e-9 * Math.max(1, d), `p = ${p}, d = ${d}: KL = ${klBernoulli(p, q)}`);
    }
  }
});
