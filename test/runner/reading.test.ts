/**
 * Reading notebooks and choosing which to run, without a kernel: a malformed notebook gets an error that
 * names the file, the cell and what was expected; nbformat 3 gets its own message; a notebook for another
 * language is recognised; names resolve to lessons, a reader's notebooks, solutions, or paths; the pack's
 * notebooks are the lessons and solutions only.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { kernelLanguageProblem, parseNotebook, type Notebook } from "../../tools/lib/notebook";
import { packNotebooks } from "../../tools/lib/pack-notebooks";
import { resolveNotebooks } from "../../tools/run-notebooks";

const nb = (cells: unknown[], extra: Record<string, unknown> = {}): string => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
const code = (source: unknown): Record<string, unknown> => ({ cell_type: "code", metadata: {}, outputs: [], execution_count: null, source });

test("a cell whose source is a number: the file, the cell index and the expected type", () => {
  assert.throws(
    () => parseNotebook(nb([code("ok"), code(42)]), "x.ipynb"),
    (e: Error) => /x\.ipynb: cell index 1 \(code\): "source" must be a string or a list of strings, got number 42/.test(e.message),
  );
  assert.throws(() => parseNotebook(nb([code(["a", 7]) ]), "x.ipynb"), /cell index 0 \(code\): "source" must be a string or a list of strings, got a list of 2/);
});

test("a null cell, a cell without a type, bad metadata and outputs: each named", () => {
  assert.throws(() => parseNotebook(nb([code("a"), null]), "y.ipynb"), /y\.ipynb: cell index 1 must be an object, got null/);
  assert.throws(() => parseNotebook(nb([{ source: "x" }]), "y.ipynb"), /cell index 0: "cell_type" must be "code", "markdown" or "raw", got nothing/);
  assert.throws(() => parseNotebook(nb([{ ...code("a"), metadata: 3 }]), "y.ipynb"), /cell index 0 \(code\): "metadata" must be an object, got number 3/);
  assert.throws(() => parseNotebook(nb([{ ...code("a"), outputs: "none" }]), "y.ipynb"), /"outputs" must be a list, got string "none"/);
  assert.throws(() => parseNotebook(nb([], { metadata: [] }), "y.ipynb"), /y\.ipynb: "metadata" must be an object, got a list of 0/);
  assert.throws(() => parseNotebook("[1]", "y.ipynb"), /not an nbformat notebook \(expected a JSON object .* got a list of 1\)/);
  // A cell without metadata is accepted (metadata defaults to {}).
  assert.deepEqual(parseNotebook(nb([{ cell_type: "markdown", source: "t" }]), "y.ipynb").cells[0].metadata, {});
});

test("nbformat 3 gets its own message, with how to convert it", () => {
  const v3 = JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [{ cells: [] }] });
  assert.throws(() => parseNotebook(v3, "old.ipynb"), /old\.ipynb is an nbformat 3 notebook .*nbconvert --to notebook --nbformat 4/);
  assert.throws(() => parseNotebook(JSON.stringify({ nbformat: 5, cells: [] }), "new.ipynb"), /new\.ipynb has nbformat 5; expected 4/);
});

test("kernelspec: TypeScript kernels run; another language is named; no metadata runs", () => {
  const meta = (metadata: Record<string, unknown>): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata, cells: [] });
  assert.equal(kernelLanguageProblem(meta({ kernelspec: { name: "emergence-lab", language: "typescript", display_name: "TS" } })), null);
  assert.equal(kernelLanguageProblem(meta({ kernelspec: { name: "tslab" } })), null);
  assert.equal(kernelLanguageProblem(meta({})), null);
  assert.match(kernelLanguageProblem(meta({ kernelspec: { name: "python3", language: "python" } })) ?? "", /kernelspec \("python3", language python\) is not TypeScript/);
  assert.match(kernelLanguageProblem(meta({ kernelspec: { name: "jslab", language: "javascript" } })) ?? "", /language javascript/);
  assert.match(kernelLanguageProblem(meta({ language_info: { name: "R" } })) ?? "", /language \(R\) is not TypeScript/);
});

function folder(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-resolve-"));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), "{}");
  }
  return dir;
}

test("names: lessons by number or name, a reader's notebook, a solutions notebook, a path; lessons only by default", () => {
  const dir = folder(["00-tour.ipynb", "03-random-graphs.ipynb", "my-hypothesis.ipynb", "solutions/03-solutions.ipynb", "solutions/notes.ipynb"]);
  try {
    const p = (f: string): string => path.join(dir, f);
    assert.deepEqual(resolveNotebooks([], dir), [p("00-tour.ipynb"), p("03-random-graphs.ipynb")]);
    assert.deepEqual(resolveNotebooks(["03"], dir), [p("03-random-graphs.ipynb")]);
    assert.deepEqual(resolveNotebooks(["03-random-graphs.ipynb"], dir), [p("03-random-graphs.ipynb")]);
    assert.deepEqual(resolveNotebooks(["my-hypothesis"], dir), [p("my-hypothesis.ipynb")]);
    assert.deepEqual(resolveNotebooks(["my-hyp"], dir), [p("my-hypothesis.ipynb")], "a unique prefix");
    assert.deepEqual(resolveNotebooks(["03-solutions"], dir), [p("solutions/03-solutions.ipynb")]);
    assert.deepEqual(resolveNotebooks([p("solutions/notes.ipynb")], dir), [p("solutions/notes.ipynb")]);
    assert.throws(() => resolveNotebooks(["nope"], dir), (e: Error) => /unknown notebook "nope"/.test(e.message) && /my-hypothesis/.test(e.message) && /03-solutions/.test(e.message));
    assert.throws(() => resolveNotebooks([p("missing.ipynb")], dir), /no notebook file .*missing\.ipynb/);
    assert.throws(() => resolveNotebooks(["0"], dir), /matches several notebooks/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the pack's notebooks are its lessons and solutions, never a reader's own", () => {
  const dir = folder(["00-tour.ipynb", "01-x.ipynb", "my-hypothesis.ipynb", "scratch.ipynb", "solutions/01-solutions.ipynb", "solutions/mine.ipynb"]);
  try {
    assert.deepEqual(
      packNotebooks(dir).map((f) => path.relative(dir, f)),
      ["00-tour.ipynb", "01-x.ipynb", path.join("solutions", "01-solutions.ipynb")],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
