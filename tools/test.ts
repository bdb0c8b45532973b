/**
 * `npm test` (after the build): every test of the project in one run of node's test runner, so its
 * closing summary is the one line that counts.
 *
 * Files run one at a time (2-core machine; some start kernels, Jupyter and Chromium), in the order
 * of their paths: node's test runner sorts the files it is given. That order is relied on once:
 * test/notebooks/ (which executes the lessons into build/notebooks/) sorts before test/ui/ (the
 * browser checks of those executed lessons; it also runs them itself if they are missing).
 * Arguments are passed to `node --test` (e.g. --test-name-pattern).
 *
 * Under CI=true a missing Jupyter or Chromium fails the tests that need them instead of skipping.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const OUT = path.resolve(__dirname, "..");
const TEST_DIR = path.join(OUT, "test");
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
  const files = testFiles(TEST_DIR);
  if (!files.length) {
    console.error("test: no compiled tests found under .out/test; did the build run?");
    process.exit(1);
  }
  const args = ["--test", "--test-concurrency=1", "--test-reporter=spec", ...process.argv.slice(2), ...files];
  const r = spawnSync(process.execPath, args, { stdio: "inherit", cwd: path.resolve(OUT, "..") });
  process.exit(r.status ?? 1);
}

main();
