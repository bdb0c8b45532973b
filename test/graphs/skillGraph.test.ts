import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random";
import { skillGraph, skillDegrees, SkillGraph } from "../../src/graphs";

/** Independent check of the CSR invariants: rebuild skill -> texts by brute force from text -> skills. */
function checkCsr(g: SkillGraph): void {
  assert.equal(g.textSkills.length, g.texts * g.k);
  assert.equal(g.skillOffsets.length, g.skills + 1);
  assert.equal(g.skillOffsets[0], 0);
  assert.equal(g.skillOffsets[g.skills], g.texts * g.k);
  const lists: number[][] = Array.from({ length: g.skills }, () => []);
  for (let t = 0; t < g.texts; t++) {
    const row = Array.from(g.textSkills.subarray(t * g.k, t * g.k + g.k));
    for (const s of row) {
      assert.ok(s < g.skills);
      lists[s].push(t);
    }
    if (g.distinct) assert.equal(new Set(row).size, g.k, `text ${t} has repeated skills ${row}`);
  }
  for (let s = 0; s < g.skills; s++) {
    const got = Array.from(g.skillTexts.subarray(g.skillOffsets[s], g.skillOffsets[s + 1]));
    assert.deepEqual(got, lists[s], `skill ${s}`);
  }
}

test("skillGraph: exact seeded SNAPSHOT (guards the output sequence; statistical tests below check the law)", () => {
  // Snapshot recorded from this implementation on 2026-11-29 (partial Fisher–Yates on Alea seed "snapshot").
  const g = skillGraph({ skills: 10, texts: 5, k: 3, rng: createRng("snapshot") });
  assert.deepEqual(Array.from(g.textSkills), [2, 6, 7, 2, 9, 1, 4, 1, 6, 6, 9, 1, 7, 3, 9]);
  const h = skillGraph({ skills: 10, texts: 5, k: 3, rng: createRng("snapshot"), distinct: false });
  assert.deepEqual(Array.from(h.textSkills), [2, 6, 6, 0, 9, 5, 4, 1, 9, 2, 9, 9, 6, 2, 2]);
});

test("skillGraph: CSR both ways agrees with a brute-force rebuild; same seed -> same graph", () => {
  for (const distinct of [true, false]) {
    const g = skillGraph({ skills: 37, texts: 500, k: 5, rng: createRng(7), distinct });
    checkCsr(g);
    const g2 = skillGraph({ skills: 37, texts: 500, k: 5, rng: "7", distinct });
    assert.deepEqual(g2.textSkills, g.textSkills);
    const d = skillDegrees(g);
    assert.equal(d.reduce((a, b) => a + b, 0), 500 * 5);
  }
  checkCsr(skillGraph({ skills: 4, texts: 50, k: 4, rng: createRng(1) })); // k = skills: every text has all skills
});

test("skillGraph: bad arguments throw errors naming the argument and value", () => {
  const rng = createRng(1);
  assert.throws(() => skillGraph({ skills: 5, texts: 10, k: 6, rng }), /skillGraph: k must be <= skills.*k = 6 > skills = 5/);
  assert.doesNotThrow(() => skillGraph({ skills: 5, texts: 10, k: 6, rng, distinct: false }));
  assert.throws(() => skillGraph({ skills: 0, texts: 10, k: 1, rng }), /skillGraph: skills must be an integer .* got 0/);
  assert.throws(() => skillGraph({ skills: 5, texts: 2.5, k: 1, rng }), /skillGraph: texts .* got 2.5/);
  assert.throws(() => skillGraph({ skills: 5, texts: 10, k: NaN, rng }), /skillGraph: k .* got NaN/);
  assert.throws(() => skillGraph({ skills: 5, texts: 10, k: 2 } as never), /rng is required/);
});
