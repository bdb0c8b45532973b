/**
 * k'-pieces and k'-tuples (Arora & Goyal 2023, Theorem 14).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { kPieceFailureFraction, tupleCompetence } from "../../src/sim/tuples";
import { randomFailureSet } from "../../src/sim/failures";
import { skillCompetence } from "../../src/sim/competence";
import { randomTestGraph } from "./helpers";

test("k'-piece failure fraction matches 1-(1-theta)^k' within 5 binomial standard errors", () => {
  // A k'-piece of k' independent uniform pieces fails unless all k' succeed: p = 1-(1-theta)^k'.
  // The count of failed pieces among n samples is Binomial(n, p): tolerance 5 sqrt(p(1-p)/n).
  const texts = 10000;
  for (const theta of [0.01, 0.1, 0.3]) {
    const y = randomFailureSet({ texts, theta, rng: `kp-${theta}` });
    for (const kPrime of [1, 2, 4, 8]) {
      const n = 40000;
      const r = kPieceFailureFraction({ failed: y, kPrime, samples: n, rng: `kp-${theta}-${kPrime}` });
      const p = 1 - (1 - theta) ** kPrime;
      assert.equal(r.theory, p);
      assert.equal(r.theta, theta);
      assert.ok(Math.abs(r.fraction - p) < 5 * Math.sqrt((p * (1 - p)) / n), `theta ${theta} k' ${kPrime}: ${r.fraction} vs ${p}`);
      assert.ok(r.theory <= r.unionBound + 1e-15); // 1-(1-theta)^k' <= k' theta
    }
  }
});

test("tuple failure rate (exact) = 1 - product of the brute-force skill competences", () => {
  const g = randomTestGraph(40, 2000, 3, "tuples");
  const y = randomFailureSet({ texts: 2000, theta: 0.2, rng: "tuples-y" });
  const comp = skillCompetence(g, y).competence;
  const r = tupleCompetence({ graph: g, failed: y, kPrime: 3, tuples: 200, rng: 1 });
  for (let i = 0; i < 200; i++) {
    const s = Array.from(r.skills.slice(3 * i, 3 * i + 3));
    assert.equal(new Set(s).size, 3, "skills of a tuple are distinct");
    const want = comp[s[0]] * comp[s[1]] * comp[s[2]];
    assert.ok(Math.abs(r.competence[i] - want) < 1e-14);
  }
  assert.ok(Math.abs(r.thetaPrime - (1 - 0.8 ** 3)) < 1e-15);
});

test("tuple failure rate by sampled k'-pieces agrees with the exact value (5 binomial sd)", () => {
  const g = randomTestGraph(30, 3000, 4, "tuples-mc");
  const y = randomFailureSet({ texts: 3000, theta: 0.15, rng: "tuples-mc-y" });
  const exact = tupleCompetence({ graph: g, failed: y, kPrime: 2, tuples: 50, rng: 7 });
  const pieces = 4000;
  const mc = tupleCompetence({ graph: g, failed: y, kPrime: 2, tuples: 50, rng: 7, piecesPerTuple: pieces });
  // The two runs draw different tuples (the piece draws interleave with the tuple draws), so compare
  // the means over tuples here and each MC tuple against its own exact value below.
  let meanExact = 0;
  let meanMc = 0;
  for (let i = 0; i < 50; i++) {
    meanExact += exact.failureRate[i] / 50;
    meanMc += mc.failureRate[i] / 50;
  }
  // Across tuples, rates vary little around theta' = 1-(1-0.15)^2 = 0.2775; sd of a tuple's
  // MC estimate <= sqrt(0.25/4000) = 0.0079; tuple-to-tuple sd of the exact rate ~ sqrt(2 * 0.15*0.85/400) = 0.025.
  // The difference of two 50-tuple means: sd <= sqrt((0.025^2*2 + 0.0079^2)/50) = 0.0053; tolerance 5 sd.
  assert.ok(Math.abs(meanExact - meanMc) < 5 * 0.0053, `${meanExact} vs ${meanMc}`);
  // Per tuple, for the MC run: its own exact value from the skill competences (5 binomial sd).
  const comp = skillCompetence(g, y).competence;
  for (let i = 0; i < 50; i++) {
    const p = 1 - comp[mc.skills[2 * i]] * comp[mc.skills[2 * i + 1]];
    assert.ok(Math.abs(mc.failureRate[i] - p) < 5 * Math.sqrt((p * (1 - p)) / pieces) + 1e-12, `tuple ${i}`);
  }
});

test("validation", () => {
  const g = randomTestGraph(5, 20, 2, "tv");
  const y = new Uint8Array(20);
  assert.throws(() => kPieceFailureFraction({ failed: y, kPrime: 0, samples: 10, rng: 1 }), /kPieceFailureFraction: kPrime must be an integer in \[1, .*got 0/);
  assert.throws(() => kPieceFailureFraction({ failed: [1, 2], kPrime: 1, samples: 10, rng: 1 }), /kPieceFailureFraction: texts must be an integer/);
  assert.throws(() => tupleCompetence({ graph: g, failed: y, kPrime: 6, tuples: 1, rng: 1 }), /tupleCompetence: kPrime must be an integer in \[1, 5\], got 6/);
  assert.throws(() => tupleCompetence({ graph: g, failed: new Uint8Array(3), kPrime: 2, tuples: 1, rng: 1 }), /tupleCompetence: failed .*length texts = 20, got 3/);
});
