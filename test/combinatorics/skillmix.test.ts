/**
 * The Skill-Mix counting bound p_s^k · p_t · L (Yu et al. 2023, "Skill-Mix: a Flexible and Expandable
 * Family of Evaluations for AI models", arXiv 2310.17567). The paper reports the bound as "about
 * 0.07" at k = 5 and "about 0.001" at k = 6 with p_s <= 0.0144, p_t <= 0.0022, L <= 5·10^10.
 * "About" is read as: the paper rounds to ONE significant digit, so our value must round to the
 * same one-significant-digit number (0.068 -> 0.07, 0.00098 -> 0.001); that is the tolerance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { SKILL_MIX_REPORTED, skillMixBound, skillMixCurve, skillMixSmallestK, skillMixUnseenShare } from "../../src/combinatorics/skillmix";

/** Round to one significant digit. */
const oneSig = (x: number): number => Number(x.toPrecision(1));

test("reported inputs are marked as reported and name their source", () => {
  assert.equal(SKILL_MIX_REPORTED.pS, 0.0144);
  assert.equal(SKILL_MIX_REPORTED.pT, 0.0022);
  assert.equal(SKILL_MIX_REPORTED.L, 5e10);
  assert.match(SKILL_MIX_REPORTED.source, /Skill-Mix.*arXiv 2310\.17567/);
  assert.ok(Object.isFrozen(SKILL_MIX_REPORTED));
});

test("the bound reproduces the paper's rounded values at k = 5 and k = 6", () => {
  const b5 = skillMixBound({ k: 5 });
  const b6 = skillMixBound({ k: 6 });
  assert.equal(oneSig(b5), SKILL_MIX_REPORTED.reportedBound[5], `k = 5: ${b5}`);
  assert.equal(oneSig(b6), SKILL_MIX_REPORTED.reportedBound[6], `k = 6: ${b6}`);
  // Independent arithmetic by repeated multiplication (the function works in logs).
  let direct = 0.0022 * 5e10;
  for (let i = 0; i < 5; i++) direct *= 0.0144;
  assert.ok(Math.abs(b5 - direct) <= 1e-14 * direct, `${b5} vs ${direct}`);
  assert.ok(Math.abs(b6 - direct * 0.0144) <= 1e-14 * direct);
  // Each extra skill multiplies the bound by p_s.
  assert.ok(Math.abs(b6 / b5 - 0.0144) < 1e-15);
});

test("curve, custom inputs, smallest k", () => {
  const curve = skillMixCurve({ ks: [0, 1, 2, 5] }).map((p) => p.bound);
  assert.ok(Math.abs(curve[0] - 0.0022 * 5e10) < 1e-6); // k = 0: p_t L = 1.1·10^8 (vacuous)
  assert.equal(curve[3], skillMixBound({ k: 5 }));
  const custom = skillMixBound({ k: 2, pS: 0.1, pT: 0.5, L: 100 });
  assert.ok(Math.abs(custom - 0.5) <= 1e-15, `0.1^2 · 0.5 · 100 = 0.5, got ${custom}`);
  // Far tail (pS^k underflows a double): still finite and positive, in logs.
  const tail = skillMixBound({ k: 400 });
  assert.ok(tail === 0 || (tail > 0 && Math.abs(Math.log(tail) - (400 * Math.log(0.0144) + Math.log(0.0022 * 5e10))) < 1e-9));
  // Smallest k with bound < 1: brute force over k.
  for (const threshold of [1, 0.1, 0.01, 1e-3, 1e-6]) {
    let k = 0;
    while (skillMixBound({ k }) >= threshold) k++;
    assert.equal(skillMixSmallestK({ threshold }), k, `threshold ${threshold}`);
  }
  assert.equal(skillMixSmallestK({ threshold: 0.1 }), 5); // 0.068 < 0.1 <= bound at k = 4 (4.7)
  assert.equal(skillMixBound({ k: 3, pS: 0 }), 0);
  assert.equal(skillMixBound({ k: 3, L: 0 }), 0);
});

test("bad arguments throw errors that name the function, the argument and the value", () => {
  assert.throws(() => skillMixBound({ k: -1 }), /skillMixBound: k must be a non-negative integer.*got -1/);
  assert.throws(() => skillMixBound({ k: 2.5 }), /skillMixBound: k must be .*integer.*got 2.5/);
  assert.throws(() => skillMixBound({ k: 5, pS: 1.5 }), /skillMixBound: pS must be a probability in \[0, 1\], got 1.5/);
  assert.throws(() => skillMixBound({ k: 5, pT: NaN }), /skillMixBound: pT must be a probability.*got NaN/);
  assert.throws(() => skillMixBound({ k: 5, L: -3 }), /skillMixBound: L must be a finite number >= 0, got -3/);
  assert.throws(() => skillMixSmallestK({ threshold: 0 }), /skillMixSmallestK: threshold must be a finite number > 0, got 0/);
  assert.throws(() => skillMixSmallestK({ threshold: 0.5, pS: 1 }), /never falls below/);
});

test("skillMixUnseenShare: 1 - bound/alpha_k; GPT-4's reported rates give more than one-third at k = 5 and 6", () => {
  // at k = 5: 1 - 0.0144^5 * 0.0022 * 5e10 / 0.12, computed here from the reported inputs
  const bound5 = 0.0144 ** 5 * 0.0022 * 5e10;
  const share5 = skillMixUnseenShare({ k: 5, successRate: SKILL_MIX_REPORTED.successRate[5] });
  assert.ok(Math.abs(share5 - (1 - bound5 / 0.12)) < 1e-12);
  assert.ok(share5 > 1 / 3 && share5 < 0.5, String(share5));
  // Yu et al.'s condition alpha_k > (3/2) bound is exactly "share > 1/3"
  assert.ok(SKILL_MIX_REPORTED.successRate[5] > 1.5 * bound5);
  const share6 = skillMixUnseenShare({ k: 6, successRate: SKILL_MIX_REPORTED.successRate[6] });
  assert.ok(share6 > 0.98, String(share6));
  // a success rate below the bound says nothing: share clipped at 0, never negative
  assert.equal(skillMixUnseenShare({ k: 4, successRate: 0.5 }), 0);
  assert.throws(() => skillMixUnseenShare({ k: 5, successRate: 0 }), /skillMixUnseenShare: successRate must be in \(0, 1\], got 0/);
  assert.throws(() => skillMixUnseenShare({ k: 5, successRate: 1.5 }), /skillMixUnseenShare: successRate/);
});
