/** log-sum-exp (src/math/logSumExp) against direct sums where they are exact, and where they overflow. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { logAddExp, logSumExp } from "../../src/math/logSumExp";

const close = (a: number, b: number, tol = 1e-14) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test("logAddExp / logSumExp: equal the direct log of a sum of exponentials when it is representable", () => {
  close(logAddExp(Math.log(2), Math.log(3)), Math.log(5));
  close(logSumExp([Math.log(1), Math.log(2), Math.log(3)]), Math.log(6));
  close(logSumExp([-1.5, 0.25, 2]), Math.log(Math.exp(-1.5) + Math.exp(0.25) + Math.exp(2)));
  close(logSumExp([7]), 7);
});

test("logAddExp / logSumExp: no overflow or underflow far from 0; -Infinity terms are zero probabilities", () => {
  close(logAddExp(1000, 1000), 1000 + Math.LN2);
  close(logAddExp(-1000, -1000), -1000 + Math.LN2);
  close(logSumExp([800, 800, 800]), 800 + Math.log(3));
  assert.equal(logAddExp(5, -Infinity), 5);
  assert.equal(logAddExp(-Infinity, -Infinity), -Infinity);
  assert.equal(logSumExp([]), -Infinity);
  assert.equal(logSumExp([-Infinity, -Infinity]), -Infinity);
  close(logSumExp([-Infinity, 3]), 3);
});
