import { test } from "node:test";
import * as assert from "node:assert/strict";
import { binaryEntropy, klBernoulli } from "../../src/theory/entropy";

test("binaryEntropy: closed forms (H(1/2) = ln 2 nats = 1 bit, H(0) = H(1) = 0) and symmetry", () => {
  assert.equal(binaryEntropy(0.5), Math.LN2);
  assert.equal(binaryEntropy(0.5, { base: "bits" }), 1);
  assert.equal(binaryEntropy(0), 0);
  assert.equal(binaryEntropy(1), 0);
  assert.equal(binaryEntropy(0.25, { base: "nats" }), binaryEntropy(0.25));
  for (const p of [1e-12, 0.01, 0.1, 0.3, 0.49]) {
    // direct transcription of -p ln p - (1-p) ln(1-p)
    const direct = -p * Math.log(p) - (1 - p) * Math.log(1 - p);
    assert.ok(Math.abs(binaryEntropy(p) - direct) <= 1e-15 + 1e-13 * direct, `H(${p})`);
    assert.ok(Math.abs(binaryEntropy(p) - binaryEntropy(1 - p)) <= 1e-15, `symmetry at ${p}`);
  }
  // scipy.stats.entropy([0.1, 0.9]) = 0.3250829733914482 (computed with Debian python3-scipy)
  assert.ok(Math.abs(binaryEntropy(0.1) - 0.3250829733914482) < 1e-15);
  // scipy.stats.entropy([0.3, 0.7], base=2) = 0.8812908992306927
  assert.ok(Math.abs(binaryEntropy(0.3, { base: "bits" }) - 0.8812908992306927) < 1e-15);
});

test("binaryEntropy: never above ln 2, maximum at 1/2", () => {
  for (let i = 0; i <= 1000; i++) {
    const h = binaryEntropy(i / 1000);
    assert.ok(h >= 0 && h <= Math.LN2 + 1e-16, `H(${i / 1000}) = ${h}`);
  }
});

test("klBernoulli: closed forms and limits", () => {
  for (const p of [0, 0.2, 0.5, 1]) assert.equal(klBernoulli(p, p), 0);
  for (const q of [0.1, 0.5, 0.9]) {
    assert.ok(Math.abs(klBernoulli(1, q) + Math.log(q)) < 1e-15, "KL(1||q) = -ln q");
    assert.ok(Math.abs(klBernoulli(0, q) + Math.log(1 - q)) < 1e-15, "KL(0||q) = -ln(1-q)");
  }
  assert.equal(klBernoulli(0.3, 0), Infinity);
  assert.equal(klBernoulli(0.3, 1), Infinity);
  assert.equal(klBernoulli(0, 0), 0);
  assert.equal(klBernoulli(1, 1), 0);
  // scipy.stats.entropy([0.15, 0.85], [0.05, 0.95]) = 0.07025005345652571 (Debian python3-scipy)
  assert.ok(Math.abs(klBernoulli(0.15, 0.05) - 0.07025005345652571) < 1e-15);
  assert.ok(Math.abs(klBernoulli(0.15, 0.05, { base: "bits" }) - 0.07025005345652571 / Math.LN2) < 1e-15);
});

test("klBernoulli: Gibbs (>= 0) and Pinsker (>= 2 (p - q)^2) on a grid", () => {
  for (let i = 0; i <= 50; i++) {
    for (let j = 1; j < 50; j++) {
      const p = i / 50;
      const q = j / 50;
      const d = klBernoulli(p, q);
      assert.ok(d >= 0, `KL(${p}||${q}) = ${d}`);
      assert.ok(d >= 2 * (p - q) ** 2 - 1e-15, `Pinsker at p=${p}, q=${q}`);
    }
  }
});

test("entropy/KL: impossible arguments throw errors that name the function, argument and value", () => {
  assert.throws(() => binaryEntropy(-0.1), /binaryEntropy: p must be a finite number in \[0, 1\], got -0.1/);
  assert.throws(() => binaryEntropy(1.5), /binaryEntropy: p .* got 1.5/);
  assert.throws(() => binaryEntropy(NaN), /binaryEntropy: p .* got NaN/);
  assert.throws(() => binaryEntropy(0.5, { base: "dits" as never }), /binaryEntropy: options.base must be "nats" or "bits", got "dits"/);
  assert.throws(() => klBernoulli(0.5, 2), /klBernoulli: q .* got 2/);
  assert.throws(() => klBernoulli(Infinity, 0.5), /klBernoulli: p .* got Infinity/);
  assert.throws(() => klBernoulli("0.5" as never, 0.5), /klBernoulli: p/);
});
