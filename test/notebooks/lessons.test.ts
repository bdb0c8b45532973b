/**
 * The lessons as a reader gets them:
 * 1. stored clean (no outputs, normalised metadata) and importing the library by package name;
 * 2. executed top to bottom by the project's runner (real tslab kernels) into build/notebooks/;
 * 3. executed again by Jupyter's own nbclient with the same kernelspec, and every seeded printed
 *    output (stdout) must be identical to the runner's;
 * 4. each with a self-check that only calls the library's check, and a teacher's solutions notebook
 *    (notebooks/solutions/NN-solutions.ipynb) that runs and whose every answer the check accepts.
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
import { sharedChinchillaCsv, skipOutsideCi } from "../scaling/helpers";

const NOTEBOOKS = path.join(PROJECT_ROOT, "notebooks");
const EXECUTED = path.join(PROJECT_ROOT, "build", "notebooks");
const NBCLIENT_OUT = path.join(PROJECT_ROOT, "build", "nbclient");
const SOLUTIONS = path.join(NOTEBOOKS, "solutions");
const SOLUTIONS_EXECUTED = path.join(PROJECT_ROOT, "build", "solutions");
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

const solutions = fs.existsSync(SOLUTIONS) ? fs.readdirSync(SOLUTIONS).filter((f) => f.endsWith(".ipynb")).sort() : [];

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

test("lessons and solutions import the library by its package name, and nothing relative", () => {
  const allowed = new Set(["emergence-lab", "tslab", "danfojs-node"]);
  for (const f of [...lessons.map((x) => path.join(NOTEBOOKS, x)), ...solutions.map((x) => path.join(SOLUTIONS, x))]) {
    for (const src of codeSources(f)) {
      for (const m of src.matchAll(/\bfrom\s+["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2];
        assert.ok(allowed.has(spec), `${f} imports "${spec}"; lessons import only ${[...allowed].join(", ")}`);
      }
    }
  }
});

test("each lesson's self-check only calls the library's check (the answer is not in the notebook)", () => {
  for (const f of lessons) {
    const nn = f.slice(0, 2);
    const checks = codeSources(path.join(NOTEBOOKS, f)).filter((src) => /self-check/i.test(src));
    assert.equal(checks.length, 1, `${f}: expected one self-check cell, found ${checks.length}`);
    const code = checks[0].split("\n").filter((line) => !/^\s*\/\//.test(line)).join("\n").trim();
    assert.match(code, new RegExp(`^checkLesson${nn}\\(`), `${f}: the self-check cell must only call checkLesson${nn}(...), got:\n${code}`);
    assert.doesNotMatch(code, /function|=>|Math\./, `${f}: the self-check cell computes something itself:\n${code}`);
  }
});

test("every lesson has a teacher's solutions notebook and an open question", () => {
  for (const f of lessons) {
    const nn = f.slice(0, 2);
    assert.ok(solutions.includes(`${nn}-solutions.ipynb`), `no notebooks/solutions/${nn}-solutions.ipynb for ${f}`);
    const nb = parseNotebook(fs.readFileSync(path.join(NOTEBOOKS, f), "utf8"), f);
    const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
    assert.match(markdown, /##[^\n]*For discussion/, `${f}: no open question ("## For discussion")`);
    const guide = parseNotebook(fs.readFileSync(path.join(SOLUTIONS, `${nn}-solutions.ipynb`), "utf8"), nn);
    const guideText = guide.cells.map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
    assert.match(guideText, /## Guidance for the open question/, `${nn}-solutions: no guidance for the open question`);
    assert.match(guideText, new RegExp(`checkLesson${nn}\\(`), `${nn}-solutions: the answer is not passed to checkLesson${nn}`);
  }
});

test("the solutions notebooks run top to bottom, and every answer in them is accepted by its check", { timeout: 20 * 60_000 }, () => {
  const json = path.join(PROJECT_ROOT, "build", "solutions-summary.json");
  const r = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js"), ...solutions.map((f) => path.join(SOLUTIONS, f)), "--out", SOLUTIONS_EXECUTED, "--json", json, "--no-static"],
    { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 19 * 60_000 },
  );
  assert.equal(r.status, 0, `the solutions failed:\n${r.stdout}\n${r.stderr}`);
  for (const f of solutions) {
    const printed = printedOutputs(path.join(SOLUTIONS_EXECUTED, f)).join("\n");
    assert.match(printed, /Correct/, `${f}: no check answered "Correct"`);
    assert.doesNotMatch(printed, /Not quite|Not answered/, `${f}: a check rejected an answer:\n${printed}`);
  }
});

/** The Markdown a notebook's cells displayed (showMarkdown), one string per display. */
function displayedMarkdown(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { outputs?: { data?: Record<string, string | string[]> }[] }[] };
  return nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => o.data?.["text/markdown"]).filter((m) => m !== undefined).map((m) => (Array.isArray(m) ? m.join("") : (m as string))));
}

/** The text/plain form of every table and figure a notebook's cells displayed, in order. */
function displayedText(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { outputs?: { output_type: string; data?: Record<string, string | string[]> }[] }[] };
  return nb.cells.flatMap((c) =>
    (c.outputs ?? []).filter((o) => o.output_type === "display_data" && o.data?.["text/plain"] !== undefined).map((o) => {
      const t = o.data!["text/plain"];
      return Array.isArray(t) ? t.join("") : t;
    }),
  );
}

/** Lesson 01's DataFrame section: labelled with the data it ran on, and its groups add up to describe()'s count. */
function checkRunsDataFrame(executed01: string, label: string): void {
  const tables = displayedText(executed01);
  const describe = tables.find((t) => t.startsWith(`${label}: describe() of each column`));
  assert.ok(describe, `lesson 01 shows no describe() table labelled "${label}"`);
  const count = Number(/^count\s+(\d+)\s/m.exec(describe!)?.[1]);
  const groups = tables.find((t) => t.startsWith(`${label} grouped by the decade of N`));
  assert.ok(groups, `lesson 01 shows no table of the runs grouped by size labelled "${label}"`);
  const counts = groups!.split("\n").slice(3).map((line) => Number(line.trim().split(/\s+/)[1]));
  assert.ok(counts.length >= 2 && counts.every((n) => Number.isInteger(n) && n > 0), `group counts: ${counts.join(", ")}`);
  assert.equal(counts.reduce((a, b) => a + b, 0), count, "the runs grouped by size do not add up to all runs");
}

/** Runs lessons 01 and 06 with EMERGENCE_LAB_DATA set to `data`; returns the folder of the executed copies. */
function runDataLessons(data: string, label: string): string {
  const out = path.join(PROJECT_ROOT, "build", `lessons-${label}`);
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js"), "01", "06", "--out", out, "--no-static"], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    timeout: 10 * 60_000,
    env: { ...process.env, EMERGENCE_LAB_DATA: data },
  });
  assert.equal(r.status, 0, `lessons 01 and 06 (${label}) failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

test("lessons 01 and 06 on synthetic runs: the prose that quotes fitted numbers describes the synthetic fit", { timeout: 15 * 60_000 }, () => {
  const out = runDataLessons("synthetic", "synthetic");
  const md01 = displayedMarkdown(path.join(out, "01-scaling-laws.ipynb")).join("\n");
  assert.match(md01, /These runs are synthetic/);
  assert.doesNotMatch(md01, /On Epoch AI's runs/);
  checkRunsDataFrame(path.join(out, "01-scaling-laws.ipynb"), "SYNTHETIC runs");
  // the stored prose of both lessons quotes no fitted number as if it came from the real runs
  for (const f of ["01-scaling-laws.ipynb", "06-emergence-of-tuples.ipynb"]) {
    const nb = parseNotebook(fs.readFileSync(path.join(NOTEBOOKS, f), "utf8"), f);
    const prose = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
    assert.doesNotMatch(prose, /(fit|refit)[^.]*\b(lands|gives|finds)\b[^.]*\\approx/i, `${f}: a markdown cell quotes a fitted number`);
    assert.doesNotMatch(prose, /ratio near 0\.44|E \\approx 1\.82/, `${f}: a markdown cell quotes a fitted number`);
  }
  // both lessons used the same synthetic runs
  const printed06 = printedOutputs(path.join(out, "06-emergence-of-tuples.ipynb")).join("\n");
  const printed01 = printedOutputs(path.join(out, "01-scaling-laws.ipynb")).join("\n");
  const seedOf = (text: string) => /drawn \(seed ([^)]+)\)/.exec(text)?.[1];
  assert.ok(seedOf(printed01), "lesson 01 does not say which synthetic runs it drew");
  assert.equal(seedOf(printed06), seedOf(printed01), "lessons 01 and 06 drew different synthetic runs");
});

const realCsv = sharedChinchillaCsv();

test("lessons 01 and 06 on Epoch AI's runs: the prose describes the real fit", { timeout: 15 * 60_000, skip: skipOutsideCi(!!realCsv, "Chinchilla CSV not found") }, () => {
  assert.ok(realCsv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const out = runDataLessons(realCsv!, "epoch-ai");
  const md01 = displayedMarkdown(path.join(out, "01-scaling-laws.ipynb")).join("\n");
  assert.match(md01, /On Epoch AI's runs the fit lands on/);
  assert.doesNotMatch(md01, /synthetic/i);
  checkRunsDataFrame(path.join(out, "01-scaling-laws.ipynb"), "Epoch AI's runs");
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
