import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { BESIROGLU_2024, BESIROGLU_2024_REPLICATION, BESIROGLU_2024_STD_ERR, HOFFMANN_2022, type ScalingParams } from "../../src/scaling/law";
import { dropHighestLoss, parseChinchillaCsv, syntheticChinchillaRuns } from "../../src/scaling/runs";
import { fitScalingLaw, scalingGridStarts } from "../../src/scaling/fit";
import { huberLogObjective, scalingFitData } from "../../src/scaling/objective";
import { toLogParams } from "../../src/scaling/logParams";
import { createRng } from "../../src/random/rng";
import { sharedChinchillaCsv, skipOutsideCi } from "./helpers";
import * as fs from "node:fs";

const KEYS = ["E", "A", "B", "alpha", "beta"] as const;

test("huberLogObjective: analytic gradient matches central finite differences", () => {
  const rows = syntheticChinchillaRuns({ rng: "grad", params: HOFFMANN_2022, runs: 60, noise: 0.02 });
  const data = scalingFitData(rows);
  const rng = createRng("grad-points");
  const g = new Float64Array(5), scratch = new Float64Array(5);
  // Points near the fit (residuals mostly inside the quadratic Huber zone, |r| <= threshold) and far
  // from it (linear zone), with threshold = 1e-3 and a larger threshold = 0.05 that mixes both.
  const base = toLogParams(HOFFMANN_2022);
  const points = [[base.a, base.b, base.e, base.alpha, base.beta]];
  for (let i = 0; i < 6; i++) points.push([rng.double() * 25, rng.double() * 25, 2 * rng.double() - 1, 2 * rng.double(), 2 * rng.double()]);
  for (const threshold of [1e-3, 0.05]) {
    for (const x of points) {
      huberLogObjective(data, threshold, x, g);
      for (let j = 0; j < 5; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(x[j]));
        const xp = x.slice(), xm = x.slice();
        xp[j] += h;
        xm[j] -= h;
        const fd = (huberLogObjective(data, threshold, xp, scratch) - huberLogObjective(data, threshold, xm, scratch)) / (2 * h);
        // Central differences: truncation O(h^2 f''') plus rounding O(eps f / h); a kink of the
        // Huber loss inside [x-h, x+h] adds at most threshold * |d r/d x_j| * (#runs crossing) / 1.
        // 1e-5 absolute + 1e-5 relative covers both here (f ~ 1e-3 .. 10, gradients ~ 1e-3 .. 1e2).
        const tol = 1e-5 + 1e-5 * Math.abs(fd);
        assert.ok(Math.abs(g[j] - fd) <= tol, `threshold=${threshold}, x=${x}, j=${j}: analytic ${g[j]}, finite difference ${fd}`);
      }
    }
  }
});

test("parameter recovery: noise-free runs from a known law give back the law", () => {
  const truth: ScalingParams = { E: 1.8, A: 500, B: 2000, alpha: 0.35, beta: 0.37 };
  const rows = syntheticChinchillaRuns({ rng: "recover-exact", params: truth, runs: 120, noise: 0 });
  // Every 9th start of the grid (500 starts) keeps the test fast; the exact optimum has objective 0.
  const fit = fitScalingLaw(rows, { starts: scalingGridStarts().filter((_, i) => i % 9 === 0) });
  assert.ok(fit.objective < 1e-20, `objective ${fit.objective}`);
  for (const k of KEYS) assert.ok(Math.abs(fit.params[k] / truth[k] - 1) < 1e-5, `${k}: fitted ${fit.params[k]}, true ${truth[k]}`);
});

test("parameter recovery with 2% noise: each parameter within 5 bootstrap standard errors of the truth", () => {
  const truth = HOFFMANN_2022;
  const rows = syntheticChinchillaRuns({ rng: "recover-noisy", params: truth, runs: 245, noise: 0.02 });
  const fit = fitScalingLaw(rows, { starts: scalingGridStarts().filter((_, i) => i % 9 === 0), bootstrap: { samples: 200, rng: "recover-boot" } });
  const bs = fit.bootstrap!;
  // 5 SE: a two-sided normal tail of 6e-7 per parameter; the SE itself is estimated from 200
  // resamples (relative error about 1/sqrt(400) = 5%), which does not move the bound materially.
  for (const k of KEYS) {
    const z = (fit.params[k] - truth[k]) / bs.stdErr[k];
    assert.ok(Math.abs(z) < 5, `${k}: fitted ${fit.params[k]}, true ${truth[k]}, SE ${bs.stdErr[k]}, z = ${z}`);
  }
  assert.equal(bs.notConverged, 0);
});

test("bootstrap: same seed gives identical draws (snapshot of determinism), another seed differs", () => {
  const rows = syntheticChinchillaRuns({ rng: "boot-det", params: HOFFMANN_2022, runs: 80, noise: 0.02 });
  const starts = [toLogParams(HOFFMANN_2022)];
  const f1 = fitScalingLaw(rows, { starts, bootstrap: { samples: 20, rng: 7 } });
  const f2 = fitScalingLaw(rows, { starts, bootstrap: { samples: 20, rng: 7 } });
  const f3 = fitScalingLaw(rows, { starts, bootstrap: { samples: 20, rng: 8 } });
  assert.deepEqual(Array.from(f1.bootstrap!.draws.alpha), Array.from(f2.bootstrap!.draws.alpha));
  assert.notDeepEqual(Array.from(f1.bootstrap!.draws.alpha), Array.from(f3.bootstrap!.draws.alpha));
  for (const k of KEYS) assert.ok(f1.bootstrap!.lower[k] <= f1.params[k] * 1.5 && f1.bootstrap!.lower[k] <= f1.bootstrap!.upper[k]);
});

test("bootstrap onProgress: called once per resample with (1..samples, samples), draws unchanged", () => {
  const rows = syntheticChinchillaRuns({ rng: "boot-progress", params: HOFFMANN_2022, runs: 60, noise: 0.02 });
  const starts = [toLogParams(HOFFMANN_2022)];
  const calls: Array<[number, number]> = [];
  const watched = fitScalingLaw(rows, { starts, bootstrap: { samples: 12, rng: 3, onProgress: (done, total) => calls.push([done, total]) } });
  assert.deepEqual(calls, Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
  // The callback only observes: the same seed without it gives the same draws.
  const plain = fitScalingLaw(rows, { starts, bootstrap: { samples: 12, rng: 3 } });
  for (const k of KEYS) assert.deepEqual(Array.from(watched.bootstrap!.draws[k]), Array.from(plain.bootstrap!.draws[k]));
  assert.throws(() => fitScalingLaw(rows, { starts, bootstrap: { samples: 5, rng: 1, onProgress: 3 as never } }), /fitScalingLaw: options\.bootstrap\.onProgress must be a function/);
});

test("fitScalingLaw rejects bad input with clear errors", () => {
  const ok = syntheticChinchillaRuns({ rng: 1, params: HOFFMANN_2022, runs: 10 });
  assert.throws(() => fitScalingLaw(ok.slice(0, 3)), /at least 5 runs/);
  assert.throws(() => fitScalingLaw([...ok, { N: 1e9, D: 1e10, loss: -2 }]), /rows\[10\]\.loss must be a finite number > 0, got -2/);
  assert.throws(() => fitScalingLaw([...ok, { N: NaN, D: 1e10, loss: 2 }]), /rows\[10\]\.N .* got NaN/);
  assert.throws(() => fitScalingLaw(ok, { huberThreshold: 0 }), /options\.huberThreshold/);
  assert.throws(() => fitScalingLaw(ok, { bootstrap: { samples: 1, rng: 1 } }), /bootstrap\.samples/);
  assert.throws(() => fitScalingLaw(ok, { starts: [toLogParams(HOFFMANN_2022)], bootstrap: { samples: 5, rng: undefined as never } }), /rng is required/);
});

// ---- The real runs (Epoch AI's extraction): needs ../shared/data/epoch-chinchilla/ or $EMERGENCE_LAB_DATA.

const csv = sharedChinchillaCsv();

/**
 * Best objective of scipy.optimize.minimize(method="L-BFGS-B", jac=True) over the full 4,500-start
 * grid on the 240 kept runs, measured on this project's build machine on 2026-11-29 with
 * `/usr/bin/python3 bench/scaling_scipy.py ../shared/data/epoch-chinchilla/svg_extracted_data.csv`
 * (Debian python3-scipy 1.10.1, numpy 1.24.2; 14.1 s; 4,500 of 4,500 starts reported success).
 */
const SCIPY_FULL_GRID_OBJECTIVE = 0.0010182740178168496;

test("real runs: the full-grid fit reproduces the estimates of Besiroglu et al. 2024 and beats scipy's objective", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const rows = dropHighestLoss(parseChinchillaCsv(fs.readFileSync(csv!, "utf8")), 5);
  assert.equal(rows.length, 240);
  const fit = fitScalingLaw(rows);
  assert.equal(fit.starts, 4500);
  // Tolerance: a tenth of the standard error Besiroglu et al. print for each parameter. Their point
  // estimates come from their own optimiser run on a ridge that is very flat along (A, alpha) and
  // (B, beta), so the printed digits beyond that are not determined by the data; a tenth of an SE is
  // far below the statistical uncertainty and far above optimiser noise.
  for (const k of KEYS) {
    const tol = 0.1 * BESIROGLU_2024_STD_ERR[k];
    assert.ok(Math.abs(fit.params[k] - BESIROGLU_2024[k]) <= tol, `${k}: ours ${fit.params[k]}, published ${BESIROGLU_2024[k]} ± ${tol}`);
  }
  // Their notebook's replication of Hoffmann's own procedure (the procedure fitted here) prints
  // E, alpha, beta to 4 decimals and A, B to 2: agree to those digits (A, B to 5e-4 relative: their
  // optimiser stops on the same flat ridge, a little off the exact minimum).
  for (const k of ["E", "alpha", "beta"] as const) {
    assert.ok(Math.abs(fit.params[k] - BESIROGLU_2024_REPLICATION[k]) <= 0.5e-4, `${k}: ours ${fit.params[k]}, replication ${BESIROGLU_2024_REPLICATION[k]}`);
  }
  for (const k of ["A", "B"] as const) {
    assert.ok(Math.abs(fit.params[k] / BESIROGLU_2024_REPLICATION[k] - 1) <= 5e-4, `${k}: ours ${fit.params[k]}, replication ${BESIROGLU_2024_REPLICATION[k]}`);
  }
  // E is printed to 4 decimals and is well determined: agree to those digits.
  assert.ok(Math.abs(fit.params.E - BESIROGLU_2024.E) <= 0.5e-4, `E = ${fit.params.E}`);
  // Our optimum is at least as good as their published point on the same objective.
  const data = scalingFitData(rows);
  const t = toLogParams(BESIROGLU_2024);
  const fPublished = huberLogObjective(data, 1e-3, [t.a, t.b, t.e, t.alpha, t.beta], new Float64Array(5));
  assert.ok(fit.objective <= fPublished, `ours ${fit.objective}, at published params ${fPublished}`);
  // No worse than scipy's L-BFGS-B on the same grid, to 1e-9 relative.
  assert.ok(fit.objective <= SCIPY_FULL_GRID_OBJECTIVE * (1 + 1e-9), `ours ${fit.objective}, scipy ${SCIPY_FULL_GRID_OBJECTIVE}`);
  // The fit is far from Hoffmann's published law on these runs (Besiroglu et al.'s finding).
  const tH = toLogParams(HOFFMANN_2022);
  const fH = huberLogObjective(data, 1e-3, [tH.a, tH.b, tH.e, tH.alpha, tH.beta], new Float64Array(5));
  assert.ok(fH > 2 * fit.objective, `objective at Hoffmann's constants ${fH} vs fit ${fit.objective}`);
});

function scipyAvailable(): boolean {
  return spawnSync("/usr/bin/python3", ["-c", "import scipy, numpy"], { stdio: "ignore" }).status === 0;
}

test(
  "real runs: no worse than scipy L-BFGS-B run now on the same 450-start subset (CI=true with scipy)",
  { skip: process.env.CI === "true" ? false : !csv ? "Chinchilla CSV not found" : !scipyAvailable() ? "scipy not importable" : false },
  () => {
    assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
    assert.ok(scipyAvailable(), "CI=true: scipy must be importable by /usr/bin/python3 (Debian python3-scipy)");
    const script = path.resolve(__dirname, "..", "..", "..", "bench", "scaling_scipy.py");
    const r = spawnSync("/usr/bin/python3", [script, csv!, "--stride", "10", "--drop", "5"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const sp = JSON.parse(r.stdout) as { objective: number; starts: number };
    const rows = dropHighestLoss(parseChinchillaCsv(fs.readFileSync(csv!, "utf8")), 5);
    const fit = fitScalingLaw(rows, { starts: scalingGridStarts().filter((_, i) => i % 10 === 0) });
    assert.equal(fit.starts, sp.starts);
    assert.ok(fit.objective <= sp.objective * (1 + 1e-9), `ours ${fit.objective}, scipy ${sp.objective}`);
  },
);
