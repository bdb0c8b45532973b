/**
 * `npm run new`: a reader's notebook from the template is created clean, with the project's kernelspec and a
 * parameters cell, is never overwritten, cannot take a lesson's name, and runs top to bottom in the runner
 * (called by its path), drawing its figure.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { KERNEL_NAME } from "../../tools/jupyter-env";
import { hygieneProblems } from "../../tools/notebook-format";
import { PROJECT_ROOT } from "../../tools/lib/paths";

// Inside the project, so that `import ... from "emergence-lab"` resolves as it does for notebooks/.
const dir = path.join(PROJECT_ROOT, "build", `test-new-${process.pid}`);
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const tool = path.join(PROJECT_ROOT, ".out", "tools", "new-notebook.js");
const newNotebook = (...args: string[]) => spawnSync(process.execPath, [tool, ...args], { encoding: "utf8", cwd: PROJECT_ROOT });

test("npm run new creates a clean notebook with the kernelspec, refuses to overwrite it and lesson names", () => {
  const made = newNotebook("my-hypothesis", "--dir", dir, "--title", "Zipf skills");
  assert.equal(made.status, 0, made.stderr);
  const file = path.join(dir, "my-hypothesis.ipynb");
  const text = fs.readFileSync(file, "utf8");
  assert.deepEqual(hygieneProblems(text, file), [], "stored clean");
  const nb = JSON.parse(text) as { metadata: { kernelspec: { name: string } }; cells: Array<{ cell_type: string; source: string[]; metadata: { tags?: string[] } }> };
  assert.equal(nb.metadata.kernelspec.name, KERNEL_NAME);
  assert.equal(nb.cells[0].source[0], "# Zipf skills\n");
  const code = nb.cells.filter((c) => c.cell_type === "code");
  assert.match(code[0].source.join(""), /^import \{[^}]+\} from "emergence-lab";$/);
  assert.deepEqual(code[1].metadata.tags, ["parameters"]);
  assert.ok(code.some((c) => /show\(lineFigure\(/.test(c.source.join(""))), "a figure cell");

  fs.appendFileSync(file, " ");
  const before = fs.readFileSync(file, "utf8");
  const again = newNotebook("my-hypothesis", "--dir", dir);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /my-hypothesis\.ipynb already exists; it was left as it is/);
  assert.equal(fs.readFileSync(file, "utf8"), before, "not overwritten");

  const lesson = newNotebook("09-mine", "--dir", dir);
  assert.equal(lesson.status, 2);
  assert.match(lesson.stderr, /kept for the pack's lessons/);
  assert.equal(fs.existsSync(path.join(dir, "09-mine.ipynb")), false);
  const bad = newNotebook("../escape", "--dir", dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /the name must be/);
  assert.equal(newNotebook("--dir", dir).status, 2, "no name");
});

test("the template runs top to bottom in a fresh kernel and draws its figure", { timeout: 120_000 }, () => {
  const file = path.join(dir, "template-run.ipynb");
  assert.equal(newNotebook("template-run", "--dir", dir).status, 0);
  const out = path.join(dir, "out");
  const json = path.join(dir, "run.json");
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CI;
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js"), file, "--out", out, "--no-static", "--json", json], {
    cwd: PROJECT_ROOT,
    env,
    encoding: "utf8",
    timeout: 110_000,
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const summary = JSON.parse(fs.readFileSync(json, "utf8")) as { notebooks: Array<{ status: string; cellsRun: number; cellsTotal: number }> };
  assert.equal(summary.notebooks[0].status, "ok");
  assert.equal(summary.notebooks[0].cellsRun, summary.notebooks[0].cellsTotal);
  const nb = JSON.parse(fs.readFileSync(path.join(out, "template-run.ipynb"), "utf8")) as { cells: Array<{ outputs?: Array<{ data?: Record<string, unknown> }> }> };
  const figures = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.["application/vnd.plotly.v1+json"]);
  assert.equal(figures.length, 1, "one figure");
  const fig = figures[0].data!["application/vnd.plotly.v1+json"] as { data: Array<{ name: string }> };
  // The parameters cell's kValues = [2, 4, 8]: one curve each.
  assert.deepEqual(fig.data.map((t) => t.name), ["k = 2", "k = 4", "k = 8"]);
});
