import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { HOFFMANN_2022, chinchillaLoss } from "../../src/scaling/law";
import { dropHighestLoss, parseChinchillaCsv, syntheticChinchillaRuns } from "../../src/scaling/runs";
import { sharedChinchillaCsv, skipOutsideCi } from "./helpers";

const HEADER = "x,y,color,Model Size,Training FLOP,hex_color,loss";

test("parseChinchillaCsv: derives D = C / (6 N) and ignores the other columns", () => {
  const rows = parseChinchillaCsv(`${HEADER}\n1,2,#fff,1e9,6e19,#fff,2.5\r\n3,4,"#a,b",2e9,1.2e21,#000,2.25\n\n`);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0], { N: 1e9, C: 6e19, D: 1e10, loss: 2.5 });
  assert.equal(rows[1].D, 1.2e21 / (6 * 2e9));
  assert.equal(rows[1].loss, 2.25);
});

test("parseChinchillaCsv: clear errors for a missing column, NaN, a negative or empty value, no rows", () => {
  assert.throws(() => parseChinchillaCsv("x,y,Model Size,loss\n1,2,3,4\n"), /missing column "Training FLOP"/);
  assert.throws(() => parseChinchillaCsv(`${HEADER}\n1,2,c,1e9,NaN,h,2.5\n`), /line 2, column "Training FLOP": expected a finite number > 0, got "NaN"/);
  assert.throws(() => parseChinchillaCsv(`${HEADER}\n1,2,c,1e9,6e19,h,2.5\n1,2,c,-5,6e19,h,2.5\n`), /line 3, column "Model Size": expected a finite number > 0, got "-5"/);
  assert.throws(() => parseChinchillaCsv(`${HEADER}\n1,2,c,1e9,6e19,h,\n`), /line 2, column "loss".*got ""/);
  assert.throws(() => parseChinchillaCsv(`${HEADER}\n1,2,c,1e9,6e19,h,abc\n`), /column "loss".*"abc"/);
  assert.throws(() => parseChinchillaCsv(`${HEADER}\n`), /no data rows/);
  assert.throws(() => parseChinchillaCsv(""), /empty/);
});

test("parseChinchillaCsv on Epoch AI's file: 245 runs spanning Hoffmann's Figure 4", { skip: skipOutsideCi(!!sharedChinchillaCsv(), "Chinchilla CSV not found") }, () => {
  assert.ok(sharedChinchillaCsv(), "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const rows = parseChinchillaCsv(fs.readFileSync(sharedChinchillaCsv()!, "utf8"));
  assert.equal(rows.length, 245);
  // Hoffmann et al. 2022 trained models from about 70M to over 16B parameters (Section 3).
  const Ns = rows.map((r) => r.N);
  assert.ok(Math.min(...Ns) > 5e7 && Math.min(...Ns) < 8e7);
  assert.ok(Math.max(...Ns) > 1.5e10 && Math.max(...Ns) < 1.7e10);
  for (const r of rows) assert.ok(Math.abs((6 * r.N * r.D) / r.C - 1) < 1e-12);
  const kept = dropHighestLoss(rows, 5);
  assert.equal(kept.length, 240);
});

test("dropHighestLoss: removes exactly the k largest losses and keeps order", () => {
  const rows = [3, 1, 4, 1, 5, 9, 2, 6].map((loss, i) => ({ loss, i }));
  const kept = dropHighestLoss(rows, 3);
  assert.deepEqual(kept.map((r) => r.loss), [3, 1, 4, 1, 2]);
  assert.deepEqual(dropHighestLoss(rows, 0), rows);
  assert.throws(() => dropHighestLoss(rows, 8), /dropHighestLoss: k must be an integer in \[0, 7\].*got 8/);
  assert.throws(() => dropHighestLoss(rows, 1.5), /got 1\.5/);
});

test("syntheticChinchillaRuns: seeded snapshot (same seed, same runs) and C = 6 N D", () => {
  const a = syntheticChinchillaRuns({ rng: "snap", params: HOFFMANN_2022, runs: 5 });
  const b = syntheticChinchillaRuns({ rng: "snap", params: HOFFMANN_2022, runs: 5 });
  const c = syntheticChinchillaRuns({ rng: "snap2", params: HOFFMANN_2022, runs: 5 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  for (const r of a) {
    assert.ok(Math.abs((6 * r.N * r.D) / r.C - 1) < 1e-12);
    assert.ok(r.C >= 6e18 && r.C <= 3e21);
  }
});

test("syntheticChinchillaRuns: log residuals are N(0, noise^2) (statistical)", () => {
  const noise = 0.02, n = 4000;
  const rows = syntheticChinchillaRuns({ rng: "stat", params: HOFFMANN_2022, runs: n, noise });
  const res = rows.map((r) => Math.log(r.loss / chinchillaLoss({ N: r.N, D: r.D, params: HOFFMANN_2022 })));
  const mean = res.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(res.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  // Mean: SE = noise/sqrt(n) = 3.2e-4, allow 5 SE. SD: SE ≈ noise/sqrt(2n) = 2.2e-4, allow 5 SE.
  assert.ok(Math.abs(mean) < 5 * noise / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(sd - noise) < 5 * noise / Math.sqrt(2 * n), `sd ${sd}`);
  assert.throws(() => syntheticChinchillaRuns({ rng: 1, params: HOFFMANN_2022, noise: -1 }), /options\.noise/);
  assert.throws(() => syntheticChinchillaRuns({ rng: undefined as never, params: HOFFMANN_2022 }), /rng is required/);
});
