/**
 * The self-check of lesson 08 against an independent count: Zipf(1) probabilities from harmonic
 * numbers and the guarantee 1 − beta_min(p)·theta found by bisection on the KL form of Theorem 8's
 * condition, written here without the library's betaMin.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkLesson08, LESSON08_EXERCISE } from "../../src/checks/lesson08";

function h(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}
function kl(x: number, a: number): number {
  const t1 = x > 0 ? x * Math.log(x / a) : 0;
  const t2 = x < 1 ? (1 - x) * Math.log((1 - x) / (1 - a)) : 0;
  return t1 + t2;
}

function independentCount(): number {
  const { skills, k, theta, level } = LESSON08_EXERCISE;
  let hn = 0;
  for (let r = skills; r >= 1; r--) hn += 1 / r;
  let count = 0;
  for (let r = 1; r <= skills; r++) {
    const a = 1 / r / hn;
    const f = (beta: number) => h(theta) - k * theta * kl(Math.min(1, beta * a), a);
    if (f(1 / a) >= 0) continue; // no guarantee
    let lo = 1;
    let hi = 1 / a;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (f(mid) < 0) hi = mid;
      else lo = mid;
    }
    if (1 - hi * theta >= level) count++;
  }
  return count;
}

test("checkLesson08: not answered, wrong answers (with a direction, never the number), the right one", () => {
  const truth = independentCount();
  assert.ok(truth >= 1 && truth < 50, `the exercise's answer should be a handful of skills, got ${truth}`);
  assert.match(checkLesson08(undefined), /^Not answered yet/);
  assert.match(checkLesson08(truth), /^Correct/);
  for (const wrong of [truth + 1, truth + 7, truth - 1, 0]) {
    if (wrong === truth || wrong < 0) continue;
    const msg = checkLesson08(wrong);
    assert.match(msg, /^Not quite/);
    assert.match(msg, wrong > truth ? /too many/ : /too few/);
    assert.ok(!new RegExp(`\\b${truth}\\b`).test(msg), `the message reveals the answer: ${msg}`);
  }
  assert.match(checkLesson08(2.5), /whole number/);
  assert.ok(!new RegExp(`\\b${truth}\\b`).test(checkLesson08(truth)), "even the success message does not print the number");
});
