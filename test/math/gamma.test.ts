/**
 * The unchecked log-gamma family of src/math/gamma (behind the public logFactorial / logChoose):
 * against Python's math.lgamma and exact BigInt binomials.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { logChoose, logFactorial, logFallingFactorial, logGamma } from "../../src/math/gamma";

test("logGamma against Python's math.lgamma (values pasted from /usr/bin/python3, math.lgamma)", () => {
  const ref: [number, number][] = [
    [0.1, 2.2527126517342055],
    [0.5, 0.5723649429247004],
    [1, 0],
    [1.5, -0.12078223763524543],
    [2, 0],
    [3.7, 1.4280723266653883],
    [10, 12.801827480081467],
    [100.5, 361.4355404677776],
    [10001, 82108.92783681434],
    [1000001, 12815518.384658169],
  ];
  for (const [x, want] of ref) {
    const got = logGamma(x);
    assert.ok(Math.abs(got - want) <= 1e-13 * Math.max(1, Math.abs(want)), `logGamma(${x}) = ${got}, want ${want}`);
  }
});

test("logChoose against exact BigInt binomials", () => {
  const exact = (n: number, m: number): bigint => {
    let r = 1n;
    for (let i = 1; i <= m; i++) r = (r * BigInt(n - m + i)) / BigInt(i);
    return r;
  };
  for (const [n, m] of [[5, 2], [20, 10], [100, 3], [300, 150], [1000, 100]]) {
    const c = exact(n, m);
    // log of a big integer: log(top 53 bits) + shift * log 2
    const bits = c.toString(2).length;
    const shift = Math.max(0, bits - 60);
    const want = Math.log(Number(c >> BigInt(shift))) + shift * Math.LN2;
    assert.ok(Math.abs(logChoose(n, m) - want) < 1e-10 * Math.max(1, want), `C(${n},${m})`);
  }
  assert.equal(logChoose(7, 0), 0);
  assert.equal(logChoose(7, 7), 0);
});

test("logFactorial and logFallingFactorial: sums of logs below 256 and Stirling above agree with exact values", () => {
  // log n! = logGamma(n + 1) = log C(n, k) + log k! + log (n-k)!; exact small factorials
  assert.equal(logFactorial(0), 0);
  assert.equal(logFactorial(1), 0);
  assert.ok(Math.abs(logFactorial(10) - Math.log(3628800)) < 1e-14 * Math.log(3628800));
  for (const n of [255, 256, 257, 1000, 1e6]) {
    for (const k of [1, 7, Math.floor(n / 3)]) {
      const viaChoose = logChoose(n, k) + logFactorial(k) + logFactorial(n - k);
      assert.ok(Math.abs(viaChoose - logFactorial(n)) <= 1e-12 * logFactorial(n), `n = ${n}, k = ${k}`);
      assert.ok(Math.abs(logFallingFactorial(n, k) - (logFactorial(n) - logFactorial(n - k))) <= 1e-12 * logFactorial(n), `falling n = ${n}, k = ${k}`);
    }
  }
  assert.equal(logChoose(3, 5), -Infinity);
  assert.equal(logFallingFactorial(3, 5), -Infinity);
});
