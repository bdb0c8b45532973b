/** The Lambert W function (src/math/lambertW). */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { lambertW0 } from "../../src/math/lambertW";

const close = (a: number, b: number, rel: number, msg: string) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${msg}: ${a} vs ${b}`);

test("lambertW0: known values and the defining identity w e^w = x", () => {
  // Omega constant W(1) (OEIS A030178); W(e) = 1; W(-1/e) = -1; W(-ln2/2) = -ln2; W(10 e^10) = 10.
  close(lambertW0(1), 0.5671432904097838, 1e-15, "W(1)");
  close(lambertW0(Math.E), 1, 1e-15, "W(e)");
  assert.equal(lambertW0(-Math.exp(-1)), -1);
  assert.equal(lambertW0(0), 0);
  close(lambertW0(-Math.LN2 / 2), -Math.LN2, 1e-14, "W(-ln2/2)");
  close(lambertW0(10 * Math.exp(10)), 10, 1e-14, "W(10e^10)");
  // scipy.special.lambertw(x).real from /usr/bin/python3 (scipy 1.10, Debian 12):
  close(lambertW0(-0.3), -0.4894022271802149, 1e-14, "W(-0.3)");
  close(lambertW0(0.1), 0.09127652716086226, 1e-14, "W(0.1)");
  close(lambertW0(10), 1.7455280027406994, 1e-14, "W(10)");
  close(lambertW0(1e6), 11.383358086140053, 1e-14, "W(1e6)");
  close(lambertW0(-0.36787944117144), -0.9999998874987043, 1e-7, "W near the branch point"); // conditioning ~ 1/sqrt(x + 1/e)
  for (let i = 0; i <= 200; i++) {
    const x = -Math.exp(-1) + (i / 200) ** 3 * 50;
    const w = lambertW0(x);
    assert.ok(w >= -1);
    assert.ok(Math.abs(w * Math.exp(w) - x) <= 1e-14 * Math.max(1, Math.abs(x)), `identity at x = ${x}`);
  }
  assert.throws(() => lambertW0(-0.5), /lambertW0: x must be >= -1\/e .* got -0.5/);
  assert.throws(() => lambertW0(NaN), /lambertW0: x must be a finite number, got NaN/);
});
