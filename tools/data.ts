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
 * The file is about 23 KB: anything larger than MAX_BYTES (4 MiB) is refused while it arrives, before a
 * byte is written to disk, so a wrong URL cannot fill the disk or the memory. The bytes are checked in
 * memory and written to a temporary file next to the destination, which is renamed into place; on a
 * mismatch or an error nothing is left. Every error names the URL or file it is about.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CHINCHILLA_CSV_FILE } from "../src/io/chinchilla";
import { writeFileAtomic } from "./lib/atomic-write";
import { PROJECT_ROOT, userPath } from "./lib/paths";

/** Pinned raw URL: github.com/epoch-research/analyzing-chinchilla at commit 9225883, data/svg_extracted_data.csv. */
export const CHINCHILLA_CSV_URL =
  "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv";

/** sha256 of the pinned file (245 runs + header). */
export const CHINCHILLA_CSV_SHA256 = "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30";

/** Where `npm run data` puts the CSV: data/external/svg_extracted_data.csv under the project root. */
export function defaultChinchillaCsvPath(root = PROJECT_ROOT): string {
  return path.join(root, "data", "external", CHINCHILLA_CSV_FILE);
}

/** The largest file `npm run data` accepts (the pinned file is about 23 KB). */
export const MAX_BYTES = 4 * 1024 * 1024;

/** Options of {@link fetchChinchillaCsv}. */
export interface FetchOptions {
  /** A local path or an http(s) URL (default: the pinned URL). */
  from?: string;
  /** Destination file (default data/external/svg_extracted_data.csv under the project root). */
  dest?: string;
  /** Expected sha256 in hex (default: the pinned file's). */
  sha256?: string;
  /** Network timeout in milliseconds for the whole download (default 60 s). */
  timeoutMs?: number;
  /** Refuse a source larger than this many bytes (default MAX_BYTES). */
  maxBytes?: number;
}

/** What {@link fetchChinchillaCsv} wrote. */
export interface FetchResult {
  path: string;
  sha256: string;
  bytes: number;
  source: string;
}

const BY_HAND = "Place the file by hand: copy svg_extracted_data.csv into data/external/, or run `npm run data -- --from <path-or-url>`.";

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

/** What went wrong, in words: a timeout says so; an undici error ("terminated", "fetch failed") adds its cause. */
function describeNetworkError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return `no complete answer within ${timeoutMs / 1000} s (timed out)`;
  const cause = err?.cause;
  const detail = [cause?.code, cause?.message].filter((x): x is string => typeof x === "string" && x !== "").join(": ");
  const message = err?.message ?? String(e);
  return detail && !message.includes(detail) ? `${message} (${detail})` : message;
}

class TooLarge extends Error {}

function tooLarge(source: string, what: string, maxBytes: number): TooLarge {
  return new TooLarge(
    `data: refusing ${source}: ${what}, more than the limit of ${sizeText(maxBytes)} (the Chinchilla CSV is about 23 KB); nothing was written. ` +
      `Check the URL or path.`,
  );
}

/** Downloads `url` into memory, refusing more than `maxBytes` as they arrive. */
async function download(url: string, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: "follow" });
  } catch (e) {
    throw new Error(
      `data: could not download ${url}: ${describeNetworkError(e, timeoutMs)}. This machine may have no access to that host ` +
        `(only the npm registry and Debian apt are reachable on some machines). ${BY_HAND}`,
    );
  }
  const where = res.url && res.url !== url ? `${url} (redirected to ${res.url})` : url;
  const drop = async (): Promise<void> => {
    await res.body?.cancel().catch(() => undefined);
  };
  if (!res.ok) {
    await drop();
    throw new Error(`data: downloading ${where} failed with HTTP ${res.status} ${res.statusText}. ${BY_HAND}`);
  }
  const announced = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(announced) && announced > maxBytes) {
    await drop();
    throw tooLarge(where, `it announces ${sizeText(announced)}`, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(where, `it sent more than ${sizeText(maxBytes)}`, maxBytes);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof TooLarge) throw e;
    throw new Error(`data: downloading ${where} failed after ${sizeText(total)}: ${describeNetworkError(e, timeoutMs)}. ${BY_HAND}`);
  }
  return Buffer.concat(chunks);
}

/** Reads a local file (a path or a file:// URL), refusing folders and files larger than `maxBytes`. */
function readLocal(from: string, maxBytes: number): Buffer {
  const p = from.startsWith("file://") ? new URL(from) : userPath(from);
  const shown = typeof p === "string" ? p : from;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    throw new Error(`data: cannot read ${shown}: ${(e as Error).message}`);
  }
  if (stat.isDirectory()) throw new Error(`data: cannot read ${shown}: it is a folder; --from takes the CSV file itself (or a URL)`);
  if (stat.size > maxBytes) throw tooLarge(shown, `it holds ${sizeText(stat.size)}`, maxBytes);
  try {
    return fs.readFileSync(p);
  } catch (e) {
    throw new Error(`data: cannot read ${shown}: ${(e as Error).message}`);
  }
}

/** The destination as a file path; a clear error when it names a folder. */
function checkDest(dest: string): string {
  let isDir = false;
  try {
    isDir = fs.statSync(dest).isDirectory();
  } catch {
    // not there yet: fine
  }
  if (isDir) throw new Error(`data: the destination ${dest} is a folder; give a file path, e.g. ${path.join(dest, "svg_extracted_data.csv")}`);
  return dest;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Fetch the CSV from `from` (path or URL), verify its sha256, and move it to `dest` atomically.
 * Throws (leaving no file behind) when the source cannot be read, is too large, or the checksum differs.
 */
export async function fetchChinchillaCsv(options: FetchOptions = {}): Promise<FetchResult> {
  const from = options.from ?? CHINCHILLA_CSV_URL;
  const dest = checkDest(path.resolve(options.dest ?? defaultChinchillaCsvPath()));
  const expected = (options.sha256 ?? CHINCHILLA_CSV_SHA256).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new RangeError(`data: sha256 must be 64 hex digits, got ${JSON.stringify(options.sha256)}`);
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new RangeError(`data: maxBytes must be a positive integer, got ${maxBytes}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const bytes = isUrl(from) ? await download(from, options.timeoutMs ?? 60_000, maxBytes) : readLocal(from, maxBytes);
  const actual = sha256Of(bytes);
  if (actual !== expected) {
    throw new Error(
      `data: sha256 mismatch for ${from}: expected ${expected}, actual ${actual} (${bytes.length} bytes). ` +
        `The file was not saved; ${fs.existsSync(dest) ? `the existing ${dest} is unchanged` : `${dest} was not created`}.`,
    );
  }
  writeFileAtomic(dest, bytes);
  return { path: dest, sha256: actual, bytes: bytes.length, source: from };
}

const USAGE = "usage: npm run data [-- --from <path-or-url>] [--dest <file>] [--sha256 <hex>] [--optional]";

function parseCli(argv: string[]): FetchOptions & { optional: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      from: { type: "string" },
      dest: { type: "string" },
      sha256: { type: "string" },
      optional: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    from: values.from,
    dest: values.dest === undefined ? undefined : userPath(values.dest),
    sha256: values.sha256,
    optional: Boolean(values.optional),
  };
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`data: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const dest = checkDest(opts.dest ?? defaultChinchillaCsvPath());
    const expected = (opts.sha256 ?? CHINCHILLA_CSV_SHA256).toLowerCase();
    if (fs.existsSync(dest) && sha256Of(fs.readFileSync(dest)) === expected) {
      console.log(`data: ${dest} is already here (sha256 ${expected} verified)`);
      return 0;
    }
    console.log(`data: fetching ${opts.from ?? CHINCHILLA_CSV_URL}`);
    const r = await fetchChinchillaCsv(opts);
    console.log(`data: wrote ${r.path} (${r.bytes} bytes, sha256 ${r.sha256} verified)`);
    return 0;
  } catch (e) {
    if (!opts.optional) {
      console.error((e as Error).message);
      return 1;
    }
    console.warn(`${(e as Error).message}\ndata: continuing without the file (--optional): lesson 01 will say so and fit a synthetic dataset.`);
    return 0;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
