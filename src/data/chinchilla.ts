/**
 * Finding and reading Epoch AI's extraction of the Chinchilla training runs (Besiroglu et al. 2024,
 * arXiv 2404.10102; the runs of Hoffmann et al. 2022, Figure 4). This is the one library module
 * that touches the file system: it finds the CSV, reads it, and hands the text to the pure parser
 * `parseChinchillaCsv` in src/scaling. `npm run data` downloads the file (see data/README.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HOFFMANN_2022 } from "../scaling/law";
import { dropHighestLoss, parseChinchillaCsv, syntheticChinchillaRuns, type ChinchillaRun } from "../scaling/runs";

/** File name of Epoch AI's CSV. */
export const CHINCHILLA_CSV_FILE = "svg_extracted_data.csv";

/** Pinned raw URL: github.com/epoch-research/analyzing-chinchilla at commit 9225883, data/svg_extracted_data.csv. */
export const CHINCHILLA_CSV_URL =
  "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv";

/** sha256 of the pinned file (245 runs + header). */
export const CHINCHILLA_CSV_SHA256 = "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30";

/** Environment variable that may point at the CSV (or at a folder holding it), or say "synthetic". */
export const CHINCHILLA_DATA_ENV = "EMERGENCE_LAB_DATA";

/** The value of EMERGENCE_LAB_DATA that ignores every data file, so lessons 01 and 06 run on the synthetic runs. */
export const CHINCHILLA_DATA_SYNTHETIC = "synthetic";

/**
 * The root folder of the emergence-lab package: the nearest ancestor of this compiled file with a
 * package.json named "emergence-lab" (works from dist/, .out/ and any notebook folder).
 */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pj = path.join(dir, "package.json");
    try {
      if (JSON.parse(fs.readFileSync(pj, "utf8")).name === "emergence-lab") return dir;
    } catch {
      // no package.json here, or not readable: keep climbing
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`packageRoot: no package.json named "emergence-lab" above ${__dirname}`);
    dir = up;
  }
}

/** Default location of the downloaded CSV: data/external/svg_extracted_data.csv under the package root. */
export function defaultChinchillaCsvPath(): string {
  return path.join(packageRoot(), "data", "external", CHINCHILLA_CSV_FILE);
}

function resolveCandidate(p: string): string {
  try {
    if (fs.statSync(p).isDirectory()) return path.join(p, CHINCHILLA_CSV_FILE);
  } catch {
    // not there
  }
  return p;
}

/**
 * Where the CSV is, in this order: `options.path`, env EMERGENCE_LAB_DATA (a file, or a folder
 * holding svg_extracted_data.csv), data/external/svg_extracted_data.csv under the package root.
 * Returns undefined when none exists, or when EMERGENCE_LAB_DATA is "synthetic" (and no `options.path`). An explicit `options.path` that does not exist throws.
 * `searchDefault: false` skips the last place.
 */
export function findChinchillaCsv(options: { path?: string; searchDefault?: boolean } = {}): string | undefined {
  if (options.path !== undefined) {
    if (typeof options.path !== "string" || options.path === "") throw new TypeError(`findChinchillaCsv: options.path must be a non-empty string, got ${String(options.path)}`);
    const p = resolveCandidate(path.resolve(options.path));
    if (!fs.existsSync(p)) throw new Error(`findChinchillaCsv: options.path ${JSON.stringify(options.path)} does not exist (looked for ${p})`);
    return p;
  }
  const env = process.env[CHINCHILLA_DATA_ENV];
  if (env === CHINCHILLA_DATA_SYNTHETIC) return undefined;
  if (env) {
    const p = resolveCandidate(path.resolve(env));
    if (fs.existsSync(p)) return p;
  }
  if (options.searchDefault === false) return undefined;
  const def = defaultChinchillaCsvPath();
  return fs.existsSync(def) ? def : undefined;
}

/** Options of {@link loadChinchillaRuns}. */
export interface LoadChinchillaOptions {
  /** Path of the CSV (or of a folder holding it); when given it must exist. */
  path?: string;
  /** Drop this many highest-loss runs (default 0; Besiroglu et al. drop 5). */
  dropOutliers?: number;
  /** What to do when no file is found: "synthetic" (default) or "error". */
  fallback?: "synthetic" | "error";
  /** Seed of the synthetic fallback (default "chinchilla-synthetic"). */
  seed?: number | string;
  /** Look at data/external/ under the package root (default true; false uses only `path` and $EMERGENCE_LAB_DATA). */
  searchDefault?: boolean;
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
 */
export function loadChinchillaRuns(options: LoadChinchillaOptions = {}): ChinchillaRuns {
  const fallback = options.fallback ?? "synthetic";
  if (fallback !== "synthetic" && fallback !== "error") throw new RangeError(`loadChinchillaRuns: options.fallback must be "synthetic" or "error", got ${String(fallback)}`);
  const k = options.dropOutliers ?? 0;
  const file = findChinchillaCsv({ path: options.path, searchDefault: options.searchDefault });
  if (file) {
    const all = parseChinchillaCsv(fs.readFileSync(file, "utf8"));
    const rows = dropHighestLoss(all, k);
    return {
      rows,
      source: "epoch-ai",
      path: file,
      note: `Epoch AI's extraction of the Chinchilla runs (Besiroglu et al. 2024) from ${file}: ${all.length} runs${k ? `, ${k} highest-loss runs dropped, ${rows.length} kept` : ""}.`,
    };
  }
  if (fallback === "error") {
    throw new Error(
      `loadChinchillaRuns: ${CHINCHILLA_CSV_FILE} not found (looked at $${CHINCHILLA_DATA_ENV} and ${defaultChinchillaCsvPath()}); run \`npm run data\` or \`npm run data -- --from <file>\``,
    );
  }
  const seed = options.seed ?? "chinchilla-synthetic";
  const all = syntheticChinchillaRuns({ rng: seed, params: HOFFMANN_2022 });
  const rows = dropHighestLoss(all, k);
  return {
    rows,
    source: "synthetic",
    note:
      `SYNTHETIC DATA: ${CHINCHILLA_CSV_FILE} was not found, so these ${rows.length} runs are drawn (seed ${JSON.stringify(seed)}) ` +
      `from Hoffmann et al.'s published law with 2% noise; they are not real training runs. Run \`npm run data\` to get the real ones.`,
  };
}
