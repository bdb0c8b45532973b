/**
 * Where things are: the project root, the tslab installed with it, and paths a user typed. The one helper
 * for each of these in tools/.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The project root (this file compiles to .out/tools/lib/). */
export const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/** The folder of the lesson notebooks. */
export const NOTEBOOKS_DIR = path.join(PROJECT_ROOT, "notebooks");

/** Absolute path of the tslab command-line script installed in the project; a clear error when it is missing. */
export function tslabBinary(root = PROJECT_ROOT): string {
  const bin = path.join(root, "node_modules", "tslab", "bin", "tslab");
  if (!fs.existsSync(bin)) throw new Error(`tslab is not installed at ${bin}; run \`npm ci\` in ${root} first`);
  return bin;
}

/**
 * A path the user typed, made absolute against the folder they typed it in: `npm run` starts scripts in the
 * project root but keeps the caller's folder in INIT_CWD.
 */
export function userPath(p: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), p);
}

/** A path relative to the working folder when it lies inside it, else absolute (for messages). */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}
