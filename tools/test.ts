/**
 * `npm test` (after the build): every test of the project in one run of node's test runner, so its
 * closing summary is the one line that counts.
 *
 * Order matters and is fixed here: unit and statistical tests first, then the runner's own tests,
 * then the lessons (executed by the runner, then by nbclient), then the browser checks, which
 * read the executed lessons. Files run one at a time (2-core machine; the later ones start kernels,
 * Jupyter and Chromium). Arguments are passed to `node --test` (e.g. --test-name-pattern).
 *
 * Under CI=true a missing Jupyter or Chromium fails the tests that need them instead of skipping.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const OUT = path.resolve(__dirname, "..");
const TEST_DIR = path.join(OUT, "test");
/** Folders that run last, in this order; every other folder under test/ runs before them. */
const LAST = ["runner", "notebooks", "browser"];

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

function main(): void {
  const folders = fs.existsSync(TEST_DIR)
    ? fs.readdirSync(TEST_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const first = folders.filter((f) => !LAST.includes(f));
  const files = [
    ...testFiles(TEST_DIR).filter((f) => path.dirname(f) === TEST_DIR),
    ...first.flatMap((f) => testFiles(path.join(TEST_DIR, f))),
    ...LAST.flatMap((f) => testFiles(path.join(TEST_DIR, f))),
  ];
  if (!files.length) {
    console.error("test: no compiled tests found under .out/test; did the build run?");
    process.exit(1);
  }
  const args = ["--test", "--test-concurrency=1", "--test-reporter=spec", ...process.argv.slice(2), ...files];
  const r = spawnSync(process.execPath, args, { stdio: "inherit", cwd: path.resolve(OUT, "..") });
  process.exit(r.status ?? 1);
}

main();
