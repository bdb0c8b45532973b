/**
 * Benchmark of the Hoffmann-style fit (src/scaling/fit.ts) on the 240 kept Chinchilla runs, side by
 * side with scipy.optimize.minimize(method="L-BFGS-B") on the same objective, gradient and grid
 * (bench/scaling_scipy.py, run with /usr/bin/python3 when it can import scipy).
 *
 * By default scipy runs on a documented subset of the grid (every 10th start in the order alpha,
 * beta, e, a, b: 450 starts) and TypeScript runs on both that subset and the full grid. With
 * `npm run bench -- scaling --full` (or EMERGENCE_LAB_BENCH_FULL=1) scipy runs the full 4,500 starts.
 * Prints times, the time ratio and both best objectives; never asserts a timing.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { findChinchillaCsv, loadChinchillaRuns } from "../src/io/chinchilla";
import { defaultChinchillaCsvPath } from "../tools/data";
import { fitScalingLaw, scalingGridStarts, type ScalingFit } from "../src/scaling/fit";

const PYTHON = "/usr/bin/python3";
const SUBSET_STRIDE = 10;

function hasScipy(): boolean {
  const r = spawnSync(PYTHON, ["-c", "import scipy, numpy"], { stdio: "ignore" });
  return r.status === 0;
}

function timeFit(label: string, fit: () => ScalingFit): { fit: ScalingFit; seconds: number } {
  const t0 = process.hrtime.bigint();
  const f = fit();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const p = f.params;
  console.log(
    `${label}: ${seconds.toFixed(2)} s, ${f.starts} starts (${f.converged} converged), objective ${f.objective.toPrecision(17)}, ` +
      `E=${p.E.toFixed(4)} A=${p.A.toFixed(2)} B=${p.B.toFixed(2)} alpha=${p.alpha.toFixed(4)} beta=${p.beta.toFixed(4)}, ` +
      `${f.totalIterations} iterations, ${f.evaluations} evaluations in all`,
  );
  return { fit: f, seconds };
}

interface ScipyResult {
  objective: number;
  params: { E: number; A: number; B: number; alpha: number; beta: number };
  seconds: number;
  starts: number;
  success: number;
}

export async function run(): Promise<void> {
  const full = process.argv.includes("--full") || process.env.EMERGENCE_LAB_BENCH_FULL === "1";
  const data = loadChinchillaRuns({ dropOutliers: 5, dataDir: path.dirname(defaultChinchillaCsvPath()) });
  console.log(data.note);
  const all = scalingGridStarts();
  const subset = all.filter((_, i) => i % SUBSET_STRIDE === 0);
  const tsFull = timeFit("TypeScript, full grid", () => fitScalingLaw(data.rows));
  const tsSub = timeFit(`TypeScript, every ${SUBSET_STRIDE}th start`, () => fitScalingLaw(data.rows, { starts: subset }));
  const csv = findChinchillaCsv({ dataDir: path.dirname(defaultChinchillaCsvPath()) });
  if (!csv || data.source !== "epoch-ai") {
    console.log("scipy comparison skipped: it reads the real CSV, which is absent (run `npm run data`).");
    return;
  }
  if (!hasScipy()) {
    console.log(`scipy comparison skipped: ${PYTHON} cannot import scipy (apt-get install python3-scipy).`);
    return;
  }
  const script = path.resolve(__dirname, "..", "..", "bench", "scaling_scipy.py");
  const stride = full ? 1 : SUBSET_STRIDE;
  const r = spawnSync(PYTHON, [script, csv, "--stride", String(stride), "--drop", "5"], { encoding: "utf8" });
  if (r.status !== 0) {
    console.log(`scipy comparison failed (exit ${r.status}): ${r.stderr}`);
    return;
  }
  const sp = JSON.parse(r.stdout) as ScipyResult;
  const ts = full ? tsFull : tsSub;
  const p = sp.params;
  console.log(
    `scipy L-BFGS-B, ${full ? "full grid" : `every ${SUBSET_STRIDE}th start`}: ${sp.seconds.toFixed(2)} s, ${sp.starts} starts (${sp.success} success), ` +
      `objective ${sp.objective.toPrecision(17)}, E=${p.E.toFixed(4)} A=${p.A.toFixed(2)} B=${p.B.toFixed(2)} alpha=${p.alpha.toFixed(4)} beta=${p.beta.toFixed(4)}`,
  );
  const rel = (ts.fit.objective - sp.objective) / sp.objective;
  console.log(`time ratio scipy / TypeScript on the same ${sp.starts} starts: ${(sp.seconds / ts.seconds).toFixed(2)}`);
  console.log(
    `objective (TypeScript - scipy) / scipy = ${rel.toExponential(3)}: TypeScript is ${rel <= 1e-9 ? "no worse than scipy to 1e-9 relative" : "WORSE than scipy by more than 1e-9 relative"}`,
  );
  if (!full) console.log(`(scipy on the full grid: npm run bench -- scaling --full)`);
}
