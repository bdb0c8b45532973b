/**
 * The lessons as a reader gets them:
 * 1. stored clean (no outputs, normalised metadata) and importing the library by package name;
 * 2. executed top to bottom by the project's runner (real tslab kernels) into build/notebooks/;
 * 3. executed again by Jupyter's own nbclient with the same kernelspec, and every seeded printed
 *    output (stdout) must be identical to the runner's.
 * Under CI=true a missing nbclient is a failure; elsewhere that part is skipped with a message.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { KERNEL_NAME, PROJECT_ROOT, findPython, jupyterEnv, registerKernel } from "../../tools/jupyter-env";
import { hygieneProblems, parseNotebook } from "../../tools/notebook-format";
import { lessonNotebooks, packNotebooks } from "../../tools/lib/pack-notebooks";

const NOTEBOOKS = path.join(PROJECT_ROOT, "notebooks");
const EXECUTED = path.join(PROJECT_ROOT, "build", "notebooks");
const NBCLIENT_OUT = path.join(PROJECT_ROOT, "build", "nbclient");
const CI = process.env.CI === "true";

const lessons = lessonNotebooks(NOTEBOOKS).map((f) => path.basename(f));

function codeSources(file: string): string[] {
  const nb = parseNotebook(fs.readFileSync(file, "utf8"), file);
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

test("lessons exist and are numbered in order from 00", () => {
  assert.ok(lessons.length >= 1, "no lessons in notebooks/");
  lessons.forEach((f, i) => assert.equal(f.slice(0, 2), String(i).padStart(2, "0"), `lesson ${f} out of sequence`));
});

test("the pack's stored notebooks (lessons and solutions) are clean (npm run clean-notebooks)", () => {
  // A reader's own notebooks in notebooks/ are theirs: not checked.
  const dirty: string[] = [];
  for (const file of packNotebooks(NOTEBOOKS)) {
    const rel = path.relative(PROJECT_ROOT, file);
    const problems = hygieneProblems(fs.readFileSync(file, "utf8"), rel);
    if (problems.length) dirty.push(`${rel}: ${problems.join("; ")}`);
  }
  assert.deepEqual(dirty, [], "run `npm run clean-notebooks`");
});

test("lessons import the library by its package name, and nothing relative", () => {
  const allowed = new Set(["emergence-lab", "tslab", "danfojs-node"]);
  for (const f of lessons) {
    for (const src of codeSources(path.join(NOTEBOOKS, f))) {
      for (const m of src.matchAll(/\bfrom\s+["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2];
        assert.ok(allowed.has(spec), `${f} imports "${spec}"; lessons import only ${[...allowed].join(", ")}`);
      }
    }
  }
});

/** The fields of the runner's --json summary read here (tools/run-notebooks.ts, NotebookResult). */
interface RunnerSummary {
  notebooks: { name: string; status: string; seconds: number; cellsRun: number; cellsTotal: number }[];
}

test("every lesson runs top to bottom in a fresh tslab kernel (npm run lessons)", { timeout: 20 * 60_000 }, () => {
  const json = path.join(PROJECT_ROOT, "build", "lessons-summary.json");
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js"), "--out", EXECUTED, "--json", json], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    timeout: 19 * 60_000,
  });
  const report = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, `npm run lessons failed:\n${report}`);
  for (const f of lessons) assert.ok(fs.existsSync(path.join(EXECUTED, f)), `no executed copy of ${f}`);
  const summary = JSON.parse(fs.readFileSync(json, "utf8")) as RunnerSummary;
  assert.deepEqual(summary.notebooks.map((n) => `${n.name}.ipynb`), lessons, "the summary lists every lesson");
  for (const n of summary.notebooks) {
    assert.equal(n.cellsRun, n.cellsTotal, `${n.name}: every code cell ran`);
    console.log(`  ${n.name}: ${n.status}, ${n.cellsRun}/${n.cellsTotal} cells, ${n.seconds.toFixed(1)} s`);
  }
});

/** A lesson's printed text per code cell, with timings masked (they may differ between runs). */
function printedOutputs(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; outputs?: { output_type: string; name?: string; text?: string | string[] }[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) =>
      (c.outputs ?? [])
        .filter((o) => o.output_type === "stream" && o.name === "stdout")
        .map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? "")))
        .join("")
        .replace(/\d+(\.\d+)?\s*(ms|s|seconds)\b/g, "<time>"),
    );
}

const NBCLIENT_SCRIPT = `
import sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, dst, cwd, kernel = sys.argv[1:5]
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": cwd}})
status = 0
try:
    client.execute()
except CellExecutionError as e:
    print(str(e)[:3000], file=sys.stderr)
    status = 1
nbformat.write(nb, dst)
sys.exit(status)
`;

test("Jupyter's nbclient runs every lesson with the same kernelspec and prints the same seeded outputs", { timeout: 20 * 60_000 }, (t) => {
  const py = findPython((p) => p.modules.nbclient && p.modules.nbformat);
  if (!py) {
    if (CI) assert.fail("CI=true but no Python with nbclient was found (.ci/run installs Debian's python3-nbclient)");
    t.skip("no Python with nbclient found: install python3-nbclient (Debian) to run this check");
    return;
  }
  registerKernel();
  fs.mkdirSync(NBCLIENT_OUT, { recursive: true });
  const env = jupyterEnv();
  for (const f of lessons) {
    const dst = path.join(NBCLIENT_OUT, f);
    const r: SpawnSyncReturns<string> = spawnSync(py.python, ["-c", NBCLIENT_SCRIPT, path.join(NOTEBOOKS, f), dst, NOTEBOOKS, KERNEL_NAME], {
      env,
      encoding: "utf8",
      timeout: 10 * 60_000,
    });
    assert.equal(r.status, 0, `nbclient failed on ${f}:\n${r.stderr.slice(-3000)}`);
    const ours = printedOutputs(path.join(EXECUTED, f));
    const theirs = printedOutputs(dst);
    assert.equal(theirs.length, ours.length, `${f}: different number of code cells`);
    ours.forEach((text, i) => assert.equal(theirs[i], text, `${f}: code cell ${i + 1} printed differently under nbclient`));
  }
});
