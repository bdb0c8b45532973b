/**
 * `npm test` and `npm run test:unit` (after the build): the project's tests in one run of node's test
 * runner, so its closing summary is the one line that counts.
 *
 *   npm test [-- --test-name-pattern RE] [path filters...]
 *   npm run test:unit [-- ...]
 *
 * `npm test` runs every test file one at a time (2-core machine; some start kernels, Jupyter and Chromium),
 * in the order of their paths: node's test runner sorts the files it is given. That order is relied on
 * once: test/notebooks/ (which executes the lessons into build/notebooks/) sorts before test/ui/ (the
 * browser checks of those executed lessons; it also runs them itself if they are missing).
 *
 * `--unit` (npm run test:unit) runs only the unit and statistical tests, leaving out what starts kernels,
 * Jupyter notebooks or a browser (test/notebooks, test/runner, test/ui, test/view/static-images), with one
 * test file per core in parallel. Path filters keep the files whose path (under test/) contains one of them.
 *
 * Under CI=true a missing Jupyter or Chromium fails the tests that need them instead of skipping.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";

const OUT = path.resolve(__dirname, "..");
const TEST_DIR = path.join(OUT, "test");
/** Folders whose tests start kernels, Jupyter or a browser: not part of --unit. */
export const SLOW_FOLDERS = ["notebooks", "runner", "ui"];
/** Single files elsewhere that start a browser: not part of --unit either. */
export const SLOW_FILES = [path.join("view", "static-images.test.js")];

const USAGE = "usage: node .out/tools/test.js [--unit] [--test-name-pattern RE]... [path filters...]";

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

/** The test files to run: all, or (unit) all outside the slow folders; then those matching a filter. */
export function selectTestFiles(files: string[], testDir: string, opts: { unit: boolean; filters: string[] }): string[] {
  return files.filter((f) => {
    const rel = path.relative(testDir, f);
    if (opts.unit && (SLOW_FOLDERS.includes(rel.split(path.sep)[0]) || SLOW_FILES.includes(rel))) return false;
    return opts.filters.length === 0 || opts.filters.some((x) => rel.includes(x));
  });
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: { unit: { type: "boolean" }, "test-name-pattern": { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    console.error(`test: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const unit = Boolean(parsed.values.unit);
  const files = selectTestFiles(testFiles(TEST_DIR), TEST_DIR, { unit, filters: parsed.positionals });
  if (!files.length) {
    console.error(`test: no compiled tests found under .out/test${parsed.positionals.length ? ` matching ${parsed.positionals.join(", ")}` : ""}; did the build run?`);
    return 1;
  }
  const concurrency = unit ? Math.max(2, os.availableParallelism()) : 1;
  const args = [
    "--test",
    `--test-concurrency=${concurrency}`,
    "--test-reporter=spec",
    ...(parsed.values["test-name-pattern"] ?? []).map((p) => `--test-name-pattern=${p}`),
    ...files,
  ];
  const r = spawnSync(process.execPath, args, { stdio: "inherit", cwd: path.resolve(OUT, "..") });
  return r.status ?? 1;
}

if (require.main === module) process.exitCode = main();
