/**
 * The project's own tools: notebook hygiene, kernel registration, `npm run lab`'s choices, `npm test`'s
 * selection of files, and the install-time guarantees of package.json / package-lock.json (exact pins,
 * registry-only sources, the tfjs-node stub).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { KERNEL_NAME, kernelSpec, registerKernel } from "../../tools/jupyter-env";
import { PROJECT_ROOT } from "../../tools/lib/paths";
import { selectTestFiles } from "../../tools/test";
import { hygieneProblems, normalizeNotebook, serializeNotebook, sourceLines, type Notebook } from "../../tools/notebook-format";

const TOOLS = path.join(PROJECT_ROOT, ".out", "tools");

function dirtyNotebook(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, widgets: {} },
    cells: [
      { cell_type: "markdown", source: "# Title\n\ntext", metadata: { collapsed: false } },
      {
        cell_type: "code",
        source: ["const x = 1;\n", "x"],
        metadata: { tags: ["parameters"], scrolled: true },
        execution_count: 3,
        outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }],
      },
    ],
  };
}

test("sourceLines splits like Jupyter: newline kept on every line but the last", () => {
  assert.deepEqual(sourceLines("a\nb\n\nc"), ["a\n", "b\n", "\n", "c"]);
  assert.deepEqual(sourceLines(["a\nb", "\nc\n"]), ["a\n", "b\n", "c\n"]);
  assert.deepEqual(sourceLines(""), []);
});

test("normalising drops outputs, counts and stray metadata, keeps tags, adds ids, names the project kernel", () => {
  const nb = normalizeNotebook(dirtyNotebook());
  const code = nb.cells[1];
  assert.deepEqual(code.outputs, []);
  assert.equal(code.execution_count, null);
  assert.deepEqual(code.metadata, { tags: ["parameters"] });
  assert.deepEqual(nb.cells[0].metadata, {});
  assert.ok(nb.cells.every((c) => typeof c.id === "string" && c.id.length > 0));
  assert.notEqual(nb.cells[0].id, nb.cells[1].id);
  assert.equal((nb.metadata.kernelspec as { name: string }).name, KERNEL_NAME);
  assert.equal(nb.nbformat_minor, 5);
});

test("hygiene: a dirty notebook is reported, its normalised form is clean, and normalising is idempotent", () => {
  const dirty = JSON.stringify(dirtyNotebook());
  assert.ok(hygieneProblems(dirty, "x.ipynb").some((p) => /outputs/.test(p)));
  const clean = serializeNotebook(normalizeNotebook(dirtyNotebook()));
  assert.deepEqual(hygieneProblems(clean, "x.ipynb"), []);
  const again = serializeNotebook(normalizeNotebook(JSON.parse(clean) as Notebook));
  assert.equal(again, clean);
  // Same content, but metadata not normalised: still reported.
  const meta = JSON.parse(clean) as Notebook;
  meta.metadata = { ...meta.metadata, widgets: {} };
  assert.ok(hygieneProblems(serializeNotebook(meta), "x.ipynb").length > 0);
});

test("clean-notebooks --check fails on a dirty notebook and the clean run fixes it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-clean-"));
  const file = path.join(dir, "01-x.ipynb");
  fs.writeFileSync(file, JSON.stringify(dirtyNotebook()));
  const check = spawnSync(process.execPath, [path.join(TOOLS, "clean-notebooks.js"), "--check", file], { encoding: "utf8" });
  assert.equal(check.status, 1, check.stdout + check.stderr);
  assert.match(check.stdout, /not clean: .*01-x\.ipynb/);
  const fix = spawnSync(process.execPath, [path.join(TOOLS, "clean-notebooks.js"), file], { encoding: "utf8" });
  assert.equal(fix.status, 0, fix.stderr);
  const recheck = spawnSync(process.execPath, [path.join(TOOLS, "clean-notebooks.js"), "--check", file], { encoding: "utf8" });
  assert.equal(recheck.status, 0, recheck.stdout);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("kernel registration writes absolute Node and tslab paths and is idempotent", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "el-kernel-"));
  const first = registerKernel({ dataDir });
  const second = registerKernel({ dataDir });
  assert.equal(first.changed, true);
  assert.equal(second.changed, false);
  const spec = JSON.parse(fs.readFileSync(path.join(dataDir, "kernels", KERNEL_NAME, "kernel.json"), "utf8")) as { argv: string[]; display_name: string };
  assert.deepEqual(spec, JSON.parse(JSON.stringify(kernelSpec())));
  assert.ok(path.isAbsolute(spec.argv[0]) && fs.existsSync(spec.argv[0]), `node path ${spec.argv[0]}`);
  // [node, --require, <tslab-zmq-patch.js>, <tslab>, kernel, --config-path, {connection_file}]
  assert.deepEqual(spec.argv.slice(1, 2), ["--require"]);
  for (const i of [2, 3]) assert.ok(path.isAbsolute(spec.argv[i]) && fs.existsSync(spec.argv[i]), `argv[${i}] = ${spec.argv[i]}`);
  assert.match(spec.argv[2], /tslab-zmq-patch\.js$/);
  assert.match(spec.argv[3], /node_modules\/tslab\/bin\/tslab$/);
  assert.deepEqual(spec.argv.slice(4), ["kernel", "--config-path", "{connection_file}"]);
  assert.match(spec.display_name, /emergence-lab/);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("npm run lab without any Jupyter says so and explains how to install one", () => {
  const r = spawnSync(process.execPath, [path.join(TOOLS, "lab.js")], {
    encoding: "utf8",
    env: { ...process.env, EMERGENCE_LAB_PYTHON: "/nonexistent/python3" },
    timeout: 30_000,
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /No Python with Jupyter was found/);
  assert.match(r.stderr, /pip install jupyterlab/);
  assert.match(r.stderr, /apt-get install jupyter-notebook/);
});

test("npm run lab binds 127.0.0.1 with a random token, rooted at the project, Jupyter folders inside it", (t) => {
  const r = spawnSync(process.execPath, [path.join(TOOLS, "lab.js"), "--dry-run"], { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0 && /No Python with Jupyter/.test(r.stderr)) {
    if (process.env.CI === "true") assert.fail("CI=true but no Jupyter was found");
    t.skip("no Jupyter installed");
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { args: string[]; url: string; env: Record<string, string> };
  assert.ok(plan.args.includes("--ip=127.0.0.1"));
  assert.match(plan.url, /^http:\/\/127\.0\.0\.1:\d+\/(lab|tree)\?token=[0-9a-f]{48}$/);
  assert.ok(plan.args.some((a) => a.endsWith(`_dir=${PROJECT_ROOT}`)));
  for (const v of ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]) {
    assert.ok(plan.env[v].startsWith(path.join(PROJECT_ROOT, ".jupyter")), `${v}=${plan.env[v]}`);
  }
  const again = JSON.parse(spawnSync(process.execPath, [path.join(TOOLS, "lab.js"), "--dry-run"], { encoding: "utf8" }).stdout) as { url: string };
  assert.notEqual(again.url.split("token=")[1], plan.url.split("token=")[1], "token must be random");
});

test("dependencies are pinned exactly and nothing installs from outside the npm registry", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    overrides: Record<string, string>;
  };
  for (const [name, v] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    assert.match(v, /^\d+\.\d+\.\d+$/, `${name} must be pinned exactly, got ${v}`);
  }
  // The native TensorFlow binding (its install script downloads libtensorflow) is replaced by a stub.
  assert.equal(pkg.overrides["@tensorflow/tfjs-node"], "file:./stubs/tfjs-node");
  const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { resolved?: string; link?: boolean }>;
  };
  // npm 11 writes a wrong path for a file: override (relative to the dependent); npm 10 then links
  // to a missing folder. The lockfile must keep the project-relative path.
  assert.deepEqual(lock.packages["node_modules/@tensorflow/tfjs-node"], { resolved: "stubs/tfjs-node", link: true });
  for (const [where, p] of Object.entries(lock.packages)) {
    if (p.resolved && !p.link) assert.match(p.resolved, /^https:\/\/registry\.npmjs\.org\//, `${where} resolves outside the registry`);
  }
});

test("npm run test:unit leaves out the folders that start kernels, Jupyter or a browser; filters select by path", () => {
  const dir = path.join(path.sep, "p", "test");
  const files = ["graphs/a.test.js", "notebooks/lessons.test.js", "runner/r.test.js", "ui/u.test.js", "tools/t.test.js", "view/runner-like.test.js", "view/static-images.test.js"].map((f) => path.join(dir, f));
  const rel = (fs_: string[]): string[] => fs_.map((f) => path.relative(dir, f));
  assert.deepEqual(rel(selectTestFiles(files, dir, { unit: true, filters: [] })), ["graphs/a.test.js", "tools/t.test.js", "view/runner-like.test.js"]);
  assert.deepEqual(rel(selectTestFiles(files, dir, { unit: false, filters: [] })), rel(files));
  assert.deepEqual(rel(selectTestFiles(files, dir, { unit: false, filters: ["runner"] })), ["runner/r.test.js", "view/runner-like.test.js"]);
});
