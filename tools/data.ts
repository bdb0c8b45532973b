/**
 * `npm run data`: fetch Epoch AI's extraction of the Chinchilla runs into data/external/ and check
 * its sha256 (see data/README.md for provenance and licence status).
 *
 *   npm run data                         download from the pinned GitHub raw URL
 *   npm run data -- --from <path|url>    copy a local file, or download another URL
 *   npm run data -- --dest <path>        write somewhere else (default data/external/svg_extracted_data.csv)
 *   npm run data -- --optional           a failed download is a warning, not an error (used by
 *                                        `npm run setup`: lesson 01 then fits a synthetic dataset)
 *
 * A destination that already holds the file with the right sha256 is kept as it is.
 *
 * The bytes go to a temporary file next to the destination, which is renamed into place only when
 * its sha256 matches; on a mismatch or an error the temporary file is removed and nothing is left.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { CHINCHILLA_CSV_FILE } from "../src/io/chinchilla";
import { PROJECT_ROOT } from "./jupyter-env";

/** Pinned raw URL: github.com/epoch-research/analyzing-chinchilla at commit 9225883, data/svg_extracted_data.csv. */
export const CHINCHILLA_CSV_URL =
  "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv";

/** sha256 of the pinned file (245 runs + header). */
export const CHINCHILLA_CSV_SHA256 = "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30";

/** Where `npm run data` puts the CSV: data/external/svg_extracted_data.csv under the project root. */
export function defaultChinchillaCsvPath(root = PROJECT_ROOT): string {
  return path.join(root, "data", "external", CHINCHILLA_CSV_FILE);
}

/** Options of {@link fetchChinchillaCsv}. */
export interface FetchOptions {
  /** A local path or an http(s) URL (default: the pinned URL). */
  from?: string;
  /** Destination file (default data/external/svg_extracted_data.csv under the project root). */
  dest?: string;
  /** Expected sha256 in hex (default: the pinned file's). */
  sha256?: string;
  /** Network timeout in milliseconds (default 60 s). */
  timeoutMs?: number;
}

/** What {@link fetchChinchillaCsv} wrote. */
export interface FetchResult {
  path: string;
  sha256: string;
  bytes: number;
  source: string;
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

async function readSource(from: string, timeoutMs: number): Promise<Buffer> {
  if (isUrl(from)) {
    let res: Response;
    try {
      res = await fetch(from, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new Error(
        `data: could not download ${from} (${why}). This machine may have no access to that host ` +
          `(only the npm registry and Debian apt are reachable on some machines). Place the file by hand: ` +
          `copy svg_extracted_data.csv into data/external/, or run \`npm run data -- --from <path-or-url>\`.`,
      );
    }
    if (!res.ok) {
      throw new Error(`data: downloading ${from} failed with HTTP ${res.status} ${res.statusText}. Place the file by hand: \`npm run data -- --from <path-or-url>\`.`);
    }
    return Buffer.from(await res.arrayBuffer());
  }
  const p = from.startsWith("file://") ? new URL(from) : path.resolve(from);
  try {
    return fs.readFileSync(p);
  } catch (e) {
    throw new Error(`data: cannot read ${from}: ${(e as Error).message}`);
  }
}

/**
 * Fetch the CSV from `from` (path or URL), verify its sha256, and move it to `dest` atomically.
 * Throws (leaving no file behind) when the source cannot be read or the checksum differs.
 */
export async function fetchChinchillaCsv(options: FetchOptions = {}): Promise<FetchResult> {
  const from = options.from ?? CHINCHILLA_CSV_URL;
  const dest = path.resolve(options.dest ?? defaultChinchillaCsvPath());
  const expected = (options.sha256 ?? CHINCHILLA_CSV_SHA256).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new RangeError(`data: sha256 must be 64 hex digits, got ${JSON.stringify(options.sha256)}`);
  const bytes = await readSource(from, options.timeoutMs ?? 60_000);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}-${Date.now()}`;
  try {
    fs.writeFileSync(tmp, bytes);
    const actual = createHash("sha256").update(fs.readFileSync(tmp)).digest("hex");
    if (actual !== expected) {
      throw new Error(
        `data: sha256 mismatch for ${from}: expected ${expected}, actual ${actual} (${bytes.length} bytes). ` +
          `The file was not saved; ${fs.existsSync(dest) ? `the existing ${dest} is unchanged` : `${dest} was not created`}.`,
      );
    }
    fs.renameSync(tmp, dest);
    return { path: dest, sha256: actual, bytes: bytes.length, source: from };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function parseArgs(argv: string[]): FetchOptions & { optional?: boolean } {
  const opts: FetchOptions & { optional?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`data: ${a} needs a value`);
      return v;
    };
    if (a === "--from") opts.from = value();
    else if (a === "--dest") opts.dest = value();
    else if (a === "--sha256") opts.sha256 = value();
    else if (a === "--optional") opts.optional = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: npm run data [-- --from <path-or-url>] [--dest <file>] [--sha256 <hex>] [--optional]");
      process.exit(0);
    } else throw new Error(`data: unknown argument ${JSON.stringify(a)}; expected --from, --dest, --sha256 or --optional`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const dest = opts.dest ?? defaultChinchillaCsvPath();
  const expected = (opts.sha256 ?? CHINCHILLA_CSV_SHA256).toLowerCase();
  if (fs.existsSync(dest) && createHash("sha256").update(fs.readFileSync(dest)).digest("hex") === expected) {
    console.log(`data: ${dest} is already here (sha256 ${expected} verified)`);
    return;
  }
  console.log(`data: fetching ${opts.from ?? CHINCHILLA_CSV_URL}`);
  try {
    const r = await fetchChinchillaCsv(opts);
    console.log(`data: wrote ${r.path} (${r.bytes} bytes, sha256 ${r.sha256} verified)`);
  } catch (e) {
    if (!opts.optional) throw e;
    console.warn(`${(e as Error).message}\ndata: continuing without the file (--optional): lesson 01 will say so and fit a synthetic dataset.`);
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
