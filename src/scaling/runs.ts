/**
 * The Chinchilla training runs as data: a pure parser for Epoch AI's extraction of Hoffmann et al.
 * 2022, Figure 4 (Besiroglu et al. 2024, arXiv 2404.10102, file `data/svg_extracted_data.csv`),
 * outlier removal as in that replication, and a seeded synthetic stand-in drawn from a known law.
 * No file access here: src/io reads the file and hands the text to {@link parseChinchillaCsv}.
 */
import { sampleStandardNormal } from "../random/normal";
import { toRng, type RngOrSeed } from "../random/rng";
import { checkFrontierParams, computeOptimalFor, tokensForCompute, type ScalingParams } from "./law";
import { checkClosed, checkInteger, checkOptions, checkPositive, describeParams, failArg } from "../validate";
import { checkBytes } from "../budget";

/** One training run: N parameters, D tokens, C = 6 N D training FLOPs, final loss (nats/token). */
export interface ChinchillaRun {
  N: number;
  D: number;
  C: number;
  loss: number;
}

/** Columns of Epoch AI's CSV that the parser needs. */
export const CHINCHILLA_CSV_COLUMNS = Object.freeze({ N: "Model Size", C: "Training FLOP", loss: "loss" });

/** Split one CSV line (RFC 4180: double-quoted fields may hold commas and "" escapes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parse Epoch AI's `svg_extracted_data.csv`: columns `Model Size` (N), `Training FLOP` (C) and
 * `loss` (nats/token) are required (others are ignored); every value must be a finite number > 0.
 * Derives D = C / (6 N) (Hoffmann et al. 2022: C ≈ 6 N D). Throws an Error naming the line, the
 * column and the value on bad input.
 */
export function parseChinchillaCsv(text: string): ChinchillaRun[] {
  if (typeof text !== "string") throw new TypeError(`parseChinchillaCsv: text must be a string, got ${typeof text}`);
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new RangeError(`parseChinchillaCsv: the text is empty; expected a header line with columns "Model Size", "Training FLOP", "loss"`);
  const header = splitCsvLine(lines[0]).map((h) => h.trim());
  const col = (name: string): number => {
    const j = header.indexOf(name);
    if (j < 0) {
      throw new RangeError(`parseChinchillaCsv: text is missing column "${name}"; its header line has ${JSON.stringify(header.slice(0, 20))}; expected columns "Model Size", "Training FLOP", "loss"`);
    }
    return j;
  };
  const jN = col(CHINCHILLA_CSV_COLUMNS.N), jC = col(CHINCHILLA_CSV_COLUMNS.C), jL = col(CHINCHILLA_CSV_COLUMNS.loss);
  const rows: ChinchillaRun[] = [];
  for (let li = 1; li < lines.length; li++) {
    if (lines[li].trim() === "") continue;
    const cells = splitCsvLine(lines[li]);
    const num = (j: number, name: string): number => {
      const raw = (cells[j] ?? "").trim();
      const v = raw === "" ? NaN : Number(raw);
      if (!Number.isFinite(v) || v <= 0) {
        throw new RangeError(`parseChinchillaCsv: line ${li + 1}, column "${name}": expected a finite number > 0, got ${JSON.stringify(cells[j] ?? "")}`);
      }
      return v;
    };
    const N = num(jN, CHINCHILLA_CSV_COLUMNS.N);
    const C = num(jC, CHINCHILLA_CSV_COLUMNS.C);
    const loss = num(jL, CHINCHILLA_CSV_COLUMNS.loss);
    rows.push({ N, D: tokensForCompute(C, N), C, loss });
  }
  if (rows.length === 0) throw new RangeError(`parseChinchillaCsv: the file has a header but no data rows`);
  return rows;
}

/**
 * Drop the k runs with the highest loss (ties broken by position), keeping the order of the rest.
 * Besiroglu et al. 2024 drop k = 5 (the runs whose loss is far above the fitted law, which they read
 * as divergent or mis-extracted), leaving 240 of 245.
 */
export function dropHighestLoss<T extends { loss: number }>(rows: ReadonlyArray<T>, k: number): T[] {
  if (!Array.isArray(rows)) throw new TypeError(`dropHighestLoss: rows must be an array, got ${String(rows)}`);
  if (!Number.isInteger(k) || k < 0 || k >= rows.length) {
    throw new RangeError(`dropHighestLoss: k must be an integer in [0, ${rows.length - 1}] (fewer than the ${rows.length} runs), got ${k}`);
  }
  if (k === 0) return rows.slice();
  const order = rows.map((_, i) => i).sort((p, q) => rows[q].loss - rows[p].loss || p - q);
  const drop = new Set(order.slice(0, k));
  return rows.filter((_, i) => !drop.has(i));
}

/** Options of {@link syntheticChinchillaRuns}. */
export interface SyntheticChinchillaOptions {
  /** Seed or stream (required: no hidden randomness). */
  rng: RngOrSeed;
  /** The law the runs are drawn from (default: Hoffmann et al. 2022's constants, passed by the caller). */
  params: ScalingParams;
  /** Number of runs (default 245, the size of Epoch's extraction). */
  runs?: number;
  /** Standard deviation of the multiplicative log-normal noise on the loss (default 0.02, at most 10). */
  noise?: number;
  /** Range of training budgets C in FLOPs, drawn log-uniformly (default [6e18, 3e21], inside the range of Hoffmann's Figure 4). */
  computeRange?: [number, number];
  /** Half-width, in decades, of the model sizes around the compute-optimal N at each C (default 1, at most 100). */
  spreadDecades?: number;
}

/**
 * Synthetic training runs drawn (seeded) from a known law, as a stand-in for the real runs and as
 * a parameter-recovery exercise: C log-uniform over `computeRange`, N log-uniform within
 * `spreadDecades` of the compute-optimal N(C), D = C / (6 N), and loss = L(N, D) exp(noise z) with z
 * standard normal. Labelled synthetic by the caller everywhere it is shown.
 */
export function syntheticChinchillaRuns(options: SyntheticChinchillaOptions): ChinchillaRun[] {
  const fn = "syntheticChinchillaRuns";
  checkOptions(fn, options, "{ rng, params, runs?, noise?, computeRange?, spreadDecades? }");
  const rng = toRng(options.rng, `${fn}: options.rng`);
  const params = checkFrontierParams(fn, options.params);
  const runs = options.runs ?? 245;
  checkInteger(fn, "options.runs", runs, 1, undefined, "a positive integer");
  checkBytes(fn, 120 * runs, `${runs} runs`, "use fewer runs");
  const noise = options.noise ?? 0.02;
  checkClosed(fn, "options.noise", noise, 0, 10);
  const range = options.computeRange ?? [6e18, 3e21];
  if (!Array.isArray(range) || range.length !== 2) failArg(fn, "options.computeRange", range, "[low, high] in FLOPs with 0 < low <= high");
  const cLo = checkPositive(fn, "options.computeRange[0]", range[0]);
  const cHi = checkPositive(fn, "options.computeRange[1]", range[1]);
  if (cHi < cLo) failArg(fn, "options.computeRange", range, "[low, high] in FLOPs with 0 < low <= high");
  const spread = checkClosed(fn, "options.spreadDecades", options.spreadDecades ?? 1, 0, 100);
  const out: ChinchillaRun[] = [];
  const l10lo = Math.log10(cLo), l10hi = Math.log10(cHi);
  for (let i = 0; i < runs; i++) {
    const C = 10 ** (l10lo + (l10hi - l10lo) * rng.double());
    const nOpt = computeOptimalFor(fn, C, params).N;
    const N = nOpt * 10 ** (spread * (2 * rng.double() - 1));
    const D = C / (6 * N);
    const loss = (params.E + params.A * Math.pow(N, -params.alpha) + params.B * Math.pow(D, -params.beta)) * Math.exp(noise * sampleStandardNormal(rng));
    for (const [key, v] of [["N", N], ["D", D], ["loss", loss]] as const) {
      if (!(v > 0) || !Number.isFinite(v)) {
        throw new RangeError(
          `${fn}: run ${i} has ${key} = ${v} (outside the double range) with params = ${describeParams(params)}, computeRange = [${cLo}, ${cHi}], spreadDecades = ${spread}, noise = ${noise}; use a more moderate law, range or spread`,
        );
      }
    }
    out.push({ N, D, C, loss });
  }
  return out;
}
