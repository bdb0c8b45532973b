/**
 * Reading Epoch AI's extraction of the Chinchilla training runs (Besiroglu et al. 2024,
 * arXiv 2404.10102; the runs of Hoffmann et al. 2022, Figure 4). This is the one library module
 * that touches the file system: it looks for the CSV where it is told (a path, a folder, or
 * $EMERGENCE_LAB_DATA), reads it, and hands the text to the pure parser `parseChinchillaCsv` in
 * src/scaling. `npm run data` downloads the file into data/external/ (see data/README.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HOFFMANN_2022 } from "../scaling/law";
import { dropHighestLoss, parseChinchillaCsv, syntheticChinchillaRuns, type ChinchillaRun } from "../scaling/runs";
import { checkInteger, checkOptions, describeValue } from "../validate";

/** File name of Epoch AI's CSV. */
export const CHINCHILLA_CSV_FILE = "svg_extracted_data.csv";

/** Environment variable that may point at the CSV (or at a folder holding it), or say "synthetic". */
export const CHINCHILLA_DATA_ENV = "EMERGENCE_LAB_DATA";

/** The value of EMERGENCE_LAB_DATA that ignores every data file but an explicit path, so lessons 01 and 06 run on the synthetic runs. */
export const CHINCHILLA_DATA_SYNTHETIC = "synthetic";

/** A folder stands for the CSV inside it. */
function resolveCandidate(p: string): string {
  try {
    if (fs.statSync(p).isDirectory()) return path.join(p, CHINCHILLA_CSV_FILE);
  } catch {
    // not there
  }
  return p;
}

/** Options of {@link findChinchillaCsv}. */
export interface FindChinchillaCsvOptions {
  /** Path of the CSV (or of a folder holding it); when given it must exist. */
  path?: string;
  /** A folder where the CSV may be (e.g. "../data/external" from a lesson); looked at last, may be absent. */
  dataDir?: string;
}

/**
 * Where the CSV is, in this order: `options.path`, env EMERGENCE_LAB_DATA (a file, or a folder
 * holding svg_extracted_data.csv), then `options.dataDir`. Relative paths are resolved against the
 * current folder (a lesson's kernel runs in the notebook's folder). Returns undefined when none
 * exists, or when EMERGENCE_LAB_DATA is "synthetic" (and there is no `options.path`). An explicit
 * `options.path` that does not exist throws.
 */
export function findChinchillaCsv(options: FindChinchillaCsvOptions = {}, fn = "findChinchillaCsv"): string | undefined {
  if (options.path !== undefined) {
    if (typeof options.path !== "string" || options.path === "") throw new TypeError(`${fn}: options.path must be a non-empty string, got ${describeValue(options.path)}`);
    const p = resolveCandidate(path.resolve(options.path));
    if (!fs.existsSync(p)) throw new Error(`${fn}: options.path ${JSON.stringify(options.path)} does not exist (looked for ${p})`);
    return p;
  }
  const env = process.env[CHINCHILLA_DATA_ENV];
  if (env === CHINCHILLA_DATA_SYNTHETIC) return undefined;
  if (env) {
    const p = resolveCandidate(path.resolve(env));
    if (fs.existsSync(p)) return p;
  }
  if (options.dataDir === undefined) return undefined;
  const p = path.join(path.resolve(options.dataDir), CHINCHILLA_CSV_FILE);
  return fs.existsSync(p) ? p : undefined;
}

/** Options of {@link loadChinchillaRuns}. */
export interface LoadChinchillaOptions {
  /** Path of the CSV (or of a folder holding it); when given it must exist. */
  path?: string;
  /**
   * A folder where `npm run data` puts the CSV, relative to the current folder: "../data/external"
   * from a lesson in notebooks/. Looked at after `path` and $EMERGENCE_LAB_DATA; may be absent.
   */
  dataDir?: string;
  /** Drop this many highest-loss runs (default 0; Besiroglu et al. drop 5). */
  dropOutliers?: number;
  /** What to do when no file is found: "synthetic" (default) or "error". */
  fallback?: "synthetic" | "error";
  /** Seed of the synthetic fallback (default "chinchilla-synthetic"). */
  seed?: number | string;
}

/** Result of {@link loadChinchillaRuns}. */
export interface ChinchillaRuns {
  rows: ChinchillaRun[];
  source: "epoch-ai" | "synthetic";
  path?: string;
  /** One plain sentence saying where the rows came from. */
  note: string;
}

/**
 * Load the Chinchilla runs (N, D = C/(6N), C, loss). When the CSV is absent and fallback is
 * "synthetic", returns 245 seeded runs drawn from Hoffmann et al.'s published law (HOFFMANN_2022)
 * with 2% log-normal noise, and says so in `note`.
 * @example
 * loadChinchillaRuns({ dataDir: "data/external" })
 * // => { rows: 245 items: [{…}, …], source: "synthetic", note: "SYNTHETIC DATA: svg_extracted_data.csv was not found, so these 245 runs are drawn (seed \"chinchilla-synthetic\") from Hoffmann et al.'s published law with 2% noise; they are not real training runs. Run `npm run data` to get the real ones." }
 * @see {@link fitScalingLaw}, {@link parseChinchillaCsv}
 */
export function loadChinchillaRuns(options: LoadChinchillaOptions = {}): ChinchillaRuns {
  const fn = "loadChinchillaRuns";
  checkOptions(fn, options, "{ path?, dataDir?, dropOutliers?, fallback?, seed? }");
  const fallback = options.fallback ?? "synthetic";
  if (fallback !== "synthetic" && fallback !== "error") throw new RangeError(`loadChinchillaRuns: options.fallback must be "synthetic" or "error", got ${describeValue(fallback)}`);
  const k = checkInteger(fn, "options.dropOutliers", options.dropOutliers ?? 0, 0);
  for (const key of ["path", "dataDir"] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== "string" || v === "")) throw new TypeError(`${fn}: options.${key} must be a non-empty string, got ${describeValue(v)}`);
  }
  const seed = options.seed ?? "chinchilla-synthetic";
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
    throw new TypeError(`${fn}: options.seed must be a finite number or a string, got ${describeValue(seed)}`);
  }
  const drop = <T extends { loss: number }>(all: T[]): T[] => {
    if (k >= all.length) throw new RangeError(`${fn}: options.dropOutliers must be less than the ${all.length} runs, got ${k}`);
    return dropHighestLoss(all, k);
  };
  const file = findChinchillaCsv({ path: options.path, dataDir: options.dataDir }, fn);
  if (file) {
    let all: ChinchillaRun[];
    try {
      all = parseChinchillaCsv(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new Error(`${fn}: cannot read the runs from ${file}: ${(e as Error).message}`);
    }
    const rows = drop(all);
    return {
      rows,
      source: "epoch-ai",
      path: file,
      note: `Epoch AI's extraction of the Chinchilla runs (Besiroglu et al. 2024) from ${file}: ${all.length} runs${k ? `, ${k} highest-loss runs dropped, ${rows.length} kept` : ""}.`,
    };
  }
  if (fallback === "error") {
    throw new Error(
      `loadChinchillaRuns: ${CHINCHILLA_CSV_FILE} not found (looked at $${CHINCHILLA_DATA_ENV}${options.dataDir === undefined ? "" : ` and ${path.resolve(options.dataDir)}`}); run \`npm run data\` or \`npm run data -- --from <file>\``,
    );
  }
  const all = syntheticChinchillaRuns({ rng: seed, params: HOFFMANN_2022 });
  const rows = drop(all);
  return {
    rows,
    source: "synthetic",
    note:
      `SYNTHETIC DATA: ${CHINCHILLA_CSV_FILE} was not found, so these ${rows.length} runs are drawn (seed ${JSON.stringify(seed)}) ` +
      `from Hoffmann et al.'s published law with 2% noise; they are not real training runs. Run \`npm run data\` to get the real ones.`,
  };
}
