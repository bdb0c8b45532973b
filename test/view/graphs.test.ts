import { test } from "node:test";
import * as assert from "node:assert/strict";
import { coinFlipGraph } from "../../src/graphs/coinFlips";
import { giantComponentExperiment, isolatedThresholdExperiment } from "../../src/graphs/experiments";
import { coinFlipFigure, criticalGiantFigure, giantComponentFigure, isolatedThresholdFigure } from "../../src/view/graphs";

test("lesson 03 figures: ids, captions, axis titles, one series per n plus theory; bad input throws", () => {
  const c = coinFlipGraph({ n: 10, p: 0.3, rng: 1 });
  const f0 = coinFlipFigure(c, { id: "F-03-coins" });
  assert.equal(f0.id, "F-03-coins");
  assert.ok(f0.caption && f0.caption.includes("p = 0.3"));
  assert.equal(f0.data.length, 3);
  const iso = [100, 1000].map((n) => isolatedThresholdExperiment({ n, cs: [-1, 0, 1], trials: 20, rng: n }));
  const f1 = isolatedThresholdFigure(iso, { id: "F-03-isolated" });
  assert.equal(f1.data.length, 3);
  assert.match(JSON.stringify(f1.layout), /P\(no isolated vertex\)/);
  const giant = [100, 1000].map((n) => giantComponentExperiment({ n, cs: [0.5, 1, 2], trials: 5, rng: n }));
  const f2 = giantComponentFigure(giant, { id: "F-03-giant" });
  assert.equal(f2.data.length, 3);
  // theory curve: 0 up to c = 1, then G(2) ≈ 0.797 at the right end (c = 2)
  const theory = f2.data[2] as { x: number[]; y: number[] };
  assert.equal(theory.y[0], 0);
  assert.ok(Math.abs(theory.y[theory.y.length - 1] - 0.7968121300200202) < 1e-12);
  const f3 = criticalGiantFigure(giant, { id: "F-03-critical" });
  assert.equal((f3.layout.xaxis as { type: string }).type, "log");
  assert.throws(() => criticalGiantFigure(giant, { c: 1.7 }), /criticalGiantFigure: result for n = 100 has no c = 1.7/);
  assert.throws(() => isolatedThresholdFigure([]), /isolatedThresholdFigure: results must be a non-empty array/);
  assert.throws(() => coinFlipFigure(coinFlipGraph({ n: 100, p: 0.1, rng: 1 })), /coinFlipFigure: n must be <= 60/);
});
