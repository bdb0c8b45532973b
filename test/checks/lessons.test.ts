/**
 * The lesson checks (src/checks): each accepts the right answer, computed here independently of the
 * library (closed forms, or the condition written out again), rejects wrong ones (a factor of 2 among
 * them), and never prints the reference value before the answer matches it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkLesson00 } from "../../src/checks/lesson00";
import { checkLesson01 } from "../../src/checks/lesson01";
import { checkLesson02 } from "../../src/checks/lesson02";
import { checkLesson03 } from "../../src/checks/lesson03";
import { checkLesson04 } from "../../src/checks/lesson04";
import { LESSON05_EXERCISE, checkLesson05 } from "../../src/checks/lesson05";
import { checkLesson06 } from "../../src/checks/lesson06";
import { checkLesson07 } from "../../src/checks/lesson07";

/** The ways a reference value could show up in a message. */
function renderings(x: number): string[] {
  const out = new Set<string>();
  for (const d of [2, 3, 4]) {
    out.add(x.toFixed(d));
    out.add(x.toPrecision(d + 1));
    out.add(x.toExponential(d));
  }
  if (Math.abs(x) >= 100) out.add(String(Math.round(x)));
  return [...out].filter((s) => s.replace(/[^0-9]/g, "").replace(/^0+/, "").length >= 2);
}

function assertHides(message: string, reference: number, what: string): void {
  for (const r of renderings(reference)) assert.ok(!message.includes(r), `${what}: the message shows the reference value (${r}):\n${message}`);
}

function rightAndWrong(name: string, check: (x: number | undefined) => string, reference: number, wrongs: number[]): void {
  assert.match(check(undefined), /^Not answered yet/, name);
  assertHides(check(undefined), reference, `${name}, unanswered`);
  assert.match(check(reference), /^Correct/, `${name} rejects the reference value ${reference}`);
  for (const w of wrongs) {
    const msg = check(w);
    assert.doesNotMatch(msg, /Correct/, `${name} accepts the wrong answer ${w}`);
    assertHides(msg, reference, `${name}, answer ${w}`);
  }
}

const HOFFMANN = { alpha: 0.34, beta: 0.28 }; // Hoffmann et al. 2022, eq. 10

test("checkLesson00: P(0.3 <= U < 0.4) = 0.1", () => {
  rightAndWrong("lesson 00", checkLesson00, 0.1, [0.2, 0.05, 0.3, 0.4, 1]);
  assert.match(checkLesson00(NaN), /myAnswer must be a finite number, got NaN/);
});

test("checkLesson01: k = 2^((a+b)/(ab)) for Hoffmann's exponents", () => {
  const k = 2 ** ((HOFFMANN.alpha + HOFFMANN.beta) / (HOFFMANN.alpha * HOFFMANN.beta));
  rightAndWrong("lesson 01", checkLesson01, k, [10, 100, k / 2, 2 * k, 2 ** (1 / HOFFMANN.alpha)]);
  assert.match(checkLesson01(k * 1.02), /^Correct/);
});

test("checkLesson02: bound 2 delta and exp(-ln 2 / delta) at delta = 0.08; a factor of 2 is rejected", () => {
  const bound = 2 * 0.08;
  const expected = Math.exp(-Math.log(2) / 0.08);
  assert.match(checkLesson02({ bound: undefined, expected: undefined }), /^Not answered yet: set myBound/);
  const both = checkLesson02({ bound, expected });
  assert.match(both, /^1\. Correct/m);
  assert.match(both, /^2\. Correct/m);
  for (const wrongBound of [bound / 2, bound * 2, 0.08 / Math.LN2]) {
    const msg = checkLesson02({ bound: wrongBound, expected: 1 });
    assert.match(msg, /^1\. Not quite/m, `bound ${wrongBound}`);
    assertHides(msg, bound, `bound ${wrongBound}`);
    assertHides(msg, expected, `bound ${wrongBound}`);
  }
  for (const wrongExpected of [expected / 2, expected * 2, Math.exp(-0.5 / 0.08)]) {
    const msg = checkLesson02({ bound: 1, expected: wrongExpected });
    assert.match(msg, /^2\. Not quite/m, `expected ${wrongExpected}`);
    assertHides(msg, expected, `expected ${wrongExpected}`);
  }
});

test("checkLesson03: c = -ln(-ln 0.9), p = (ln 10^4 + c)/10^4, n G(2) with G = 1 - exp(-2G)", () => {
  const c = -Math.log(-Math.log(0.9));
  const p = (Math.log(1e4) + c) / 1e4;
  let G = 0.5;
  for (let i = 0; i < 200; i++) G = 1 - Math.exp(-2 * G); // fixed-point iteration, contracts near the root
  const giant = 1e5 * G;
  const msg = checkLesson03({ c, p, giant });
  assert.equal((msg.match(/Correct/g) ?? []).length, 3, msg);
  assert.match(msg, /Simulation at your c/);
  const wrong = checkLesson03({ c: 2 * c, p: 2 * p, giant: giant / 2 });
  assert.doesNotMatch(wrong, /Correct/);
  for (const ref of [c, p, giant]) assertHides(wrong.replace(/Simulation at your c.*$/s, ""), ref, "lesson 03, wrong answers");
  assert.match(checkLesson03({ c: undefined, p: undefined, giant: undefined }), /^Not answered yet: set myC/);
});

test("checkLesson04: N_t = theta(1 - theta) N_s / (k sd^2) = 450,000", () => {
  const reference = (0.1 * 0.9 * 1000) / (8 * 0.005 ** 2);
  rightAndWrong("lesson 04", checkLesson04, reference, [reference / 2, 2 * reference, reference / 8, 3600]);
});

test("checkLesson05: beta_min of Theorem 8's condition written out here; the hint gives a direction, not the root", () => {
  const { theta, k, alpha } = LESSON05_EXERCISE;
  const H = (x: number): number => (x <= 0 || x >= 1 ? 0 : -x * Math.log(x) - (1 - x) * Math.log(1 - x));
  const lhs = (beta: number): number => {
    const x = beta * alpha;
    return H(theta) + k * theta * (H(x) - x * Math.log(1 / alpha) - (1 - x) * Math.log(1 / (1 - alpha)));
  };
  let lo = 1;
  let hi = 1 / alpha;
  assert.ok(lhs(hi) < 0 && lhs(lo) > 0);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (lhs(mid) < 0) hi = mid;
    else lo = mid;
  }
  rightAndWrong("lesson 05", checkLesson05, hi, [hi / 2, hi - 0.05, hi + 0.05, 2]);
  assert.match(checkLesson05(hi - 0.05), /not negative, so beta must grow/);
  assert.match(checkLesson05(hi + 0.05), /negative, so a smaller beta still works/);
  assert.match(checkLesson05(hi), /balanced adversary reaches/);
});

test("checkLesson06: 4^((a+b)/(ab)) compute for Hoffmann's exponents (two halvings of theta)", () => {
  const reference = 4 ** ((HOFFMANN.alpha + HOFFMANN.beta) / (HOFFMANN.alpha * HOFFMANN.beta));
  rightAndWrong("lesson 06", checkLesson06, reference, [reference / 2, 2 * reference, 100, 10_000]);
});

test("checkLesson07: the smallest k with 0.0144^k 0.0022 (5e11) < 0.001", () => {
  let k = 0;
  while (0.0144 ** k * 0.0022 * 5e11 >= 1e-3) k++;
  rightAndWrong("lesson 07", checkLesson07, k, [k - 1, k + 1, 5]);
  assert.match(checkLesson07(k + 0.5), /whole number/);
});
