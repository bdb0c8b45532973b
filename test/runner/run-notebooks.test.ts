/**
 * The notebook runner end to end: the real program (.out/tools/run-notebooks.js) as a child process, real
 * tslab kernels, fixture notebooks in test/fixtures/notebooks/. Each fixture's expected text comes from
 * the fixture itself (its source and the message it throws / the TypeScript diagnostic it provokes), not from
 * the runner's output.
 *
 * The runs are started together at load time (each child is independent) so the file stays well under a
 * minute on 2 cores; the tests then await their results.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";

const root = path.resolve(__dirname, "..", "..", "..");
const runner = path.join(root, ".out", "tools", "run-notebooks.js");
const fixtures = path.join(root, "test", "fixtures", "notebooks");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runner-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Child {
  proc: ChildProcess;
  done: Promise<Run>;
  /** Resolves when stdout contains a match of `re` (rejects if the child ends first). */
  waitFor(re: RegExp): Promise<RegExpMatchArray>;
}

/** Starts the runner; the child gets CI unset so the static-image step never decides the exit code here. */
function start(args: string[], limitMs = 50_000): Child {
  const env = { ...process.env };
  delete env.CI;
  const proc = spawn(process.execPath, [runner, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const watchers: Array<() => void> = [];
  proc.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
    for (const w of watchers) w();
  });
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => proc.kill("SIGKILL"), limitMs);
  const done = new Promise<Run>((resolve) => {
    proc.on("close", (code, signal) => {
      clearTimeout(timer);
      for (const w of watchers) w();
      resolve({ code, signal, stdout, stderr });
    });
  });
  const waitFor = (re: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = stdout.match(re);
        if (m) resolve(m);
        else if (proc.exitCode !== null || proc.signalCode !== null) reject(new Error(`runner ended before printing ${re}:\n${stdout}\n${stderr}`));
      };
      watchers.push(check);
      check();
    });
  return { proc, done, waitFor };
}

/** Alive = signal 0 succeeds and the process is not a zombie (an unreaped zombie holds no resources). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function assertGone(pid: number, what: string, waitMs = 3000): Promise<void> {
  const until = Date.now() + waitMs;
  while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  assert.equal(isAlive(pid), false, `${what} (pid ${pid}) is still running`);
}

interface NotebookRecord {
  name: string;
  status: string;
  cellsRun: number;
  cellsTotal: number;
  output: string | null;
  failingCell: { index: number; codeCellNumber: number; sourceHead: string[] } | null;
  error: string | null;
  kernelPid: number | null;
  kernelExit: { code: number | null; signal: string | null } | null;
  firstCellLatencySeconds: number | null;
}

interface Summary {
  ok: boolean;
  exitCode: number;
  interrupted: string | null;
  notebooks: NotebookRecord[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

interface Cell {
  id: string;
  cell_type: string;
  source: string[] | string;
  execution_count?: number | null;
  outputs?: Array<Record<string, unknown>>;
}
interface Nb {
  nbformat: number;
  nbformat_minor: number;
  metadata: unknown;
  cells: Cell[];
}
const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

// --- the runs, started together -----------------------------------------------------------------------
// All failure fixtures in ONE run: also shows that a failing notebook does not stop the next one.
const allOut = path.join(tmp, "all");
const allJson = path.join(tmp, "all.json");
const allRun = start(["--notebooks-dir", fixtures, "--out", allOut, "--timeout", "3", "--no-static", "--json", allJson]);
// The good notebook alone, named by its number only.
const goodOut = path.join(tmp, "good");
const goodJson = path.join(tmp, "good.json");
const goodRun = start(["--notebooks-dir", fixtures, "01", "--out", goodOut, "--no-static", "--json", goodJson, "--verbose"]);
const unknownRun = start(["--notebooks-dir", fixtures, "99-no-such-notebook", "--no-static"]);
// Broken notebooks, a Python notebook and a reader's own notebook, named and by path, in one run; an executed
// copy of a broken notebook left over from an earlier run must not survive it.
const readerDir = path.join(root, "test", "fixtures", "reader");
const readerOut = path.join(tmp, "reader");
const readerJson = path.join(tmp, "reader.json");
fs.mkdirSync(readerOut, { recursive: true });
fs.writeFileSync(path.join(readerOut, "bad-source.ipynb"), "{}\n");
const readerRun = start([
  "--notebooks-dir", readerDir,
  "bad-source", "null-cell", path.join(readerDir, "old-format.ipynb"), "python-kernel", "my-hypothesis",
  "--out", readerOut, "--no-static", "--json", readerJson,
]);

const allResult = allRun.done.then((run) => ({ run, summary: readJson<Summary>(allJson) }));
function record(summary: Summary, name: string): NotebookRecord {
  const r = summary.notebooks.find((n) => n.name === name);
  assert.ok(r, `no record for ${name} in the --json summary`);
  return r;
}

test("the good notebook runs: exit 0, outputs and execution counts in the executed copy", async () => {
  const run = await goodRun.done;
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /01-good\s+2\/2 cells\s+[\d.]+ s\s+ok/);
  assert.match(run.stdout, /summary: 1\/1 notebooks ok/);
  // --verbose reports the start-up latency; it must be a plausible positive number.
  assert.match(run.stdout, /first cell's result [\d.]+ s after spawning the kernel/);
  const summary = readJson<Summary>(goodJson);
  const r = record(summary, "01-good");
  assert.ok(r.firstCellLatencySeconds! > 0 && r.firstCellLatencySeconds! < 60, `first-cell latency ${r.firstCellLatencySeconds}`);

  const source = readJson<Nb>(path.join(fixtures, "01-good.ipynb"));
  const nb = readJson<Nb>(path.join(goodOut, "01-good.ipynb"));
  assert.equal(nb.nbformat, 4);
  assert.equal(nb.nbformat_minor, 5);
  assert.deepEqual(nb.metadata, source.metadata, "notebook metadata kept");
  assert.deepEqual(nb.cells.map((c) => c.id), source.cells.map((c) => c.id), "cell ids kept");
  const [, first, second, empty] = nb.cells;
  // The fixture prints `fixture answer ${6 * 7}`.
  assert.equal(first.execution_count, 1);
  assert.deepEqual(first.outputs, [{ output_type: "stream", name: "stdout", text: ["fixture answer 42\n"] }]);
  assert.equal(second.execution_count, 2);
  const html = second.outputs!.find((o) => o.output_type === "display_data" && (o.data as Record<string, unknown>)["text/html"]);
  assert.ok(html, "the html display is recorded");
  assert.equal(text((html.data as Record<string, unknown>)["text/html"]), "<b>fixture html</b>");
  // newDisplay().text() twice: the second call is an update_display_data that replaces the first output.
  const plain = second.outputs!.filter((o) => o.output_type === "display_data" && (o.data as Record<string, unknown>)["text/plain"]);
  assert.equal(plain.length, 1, "one display for the handle");
  assert.equal(text((plain[0].data as Record<string, unknown>)["text/plain"]), "progress 2/2");
  assert.equal(empty.execution_count, null, "an empty code cell is not executed");
  await assertGone(r.kernelPid!, "the kernel of 01-good");
});

test("all fixtures in one run: exit 1, every notebook reported, the next notebook still runs", async () => {
  const { run, summary } = await allResult;
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.deepEqual(
    summary.notebooks.map((n) => [n.name, n.status]),
    [
      ["01-good", "ok"],
      ["02-type-error", "FAILED"],
      ["03-throw", "FAILED"],
      ["04-hang", "TIMEOUT"],
      ["05-exit", "KERNEL DIED"],
      ["06-await-forever", "TIMEOUT"],
    ],
  );
  assert.match(run.stdout, /summary: 1\/6 notebooks ok; not ok: 02-type-error \(FAILED\), 03-throw \(FAILED\), 04-hang \(TIMEOUT\), 05-exit \(KERNEL DIED\), 06-await-forever \(TIMEOUT\)/);
  for (const n of summary.notebooks) {
    assert.ok(n.kernelPid, `${n.name} reports its kernel pid`);
    await assertGone(n.kernelPid!, `the kernel of ${n.name}`);
  }
});

/** The block the runner prints for one failed notebook (from its name line to the next notebook's line). */
function reportOf(stdout: string, name: string): string {
  const start = stdout.indexOf(`${name} `);
  assert.ok(start >= 0, `no line for ${name}:\n${stdout}`);
  const rest = stdout.slice(start);
  const next = rest.slice(1).search(/\n\d\d-[a-z-]+ +\d+\/\d+ cells|\nsummary:/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

test("a type error: cell number, source excerpt and the TypeScript message from the cell's stderr", async () => {
  const { run, summary } = await allResult;
  const report = reportOf(run.stdout, "02-type-error");
  assert.match(report, /02-type-error\s+2\/3 cells .* FAILED/);
  assert.match(report, /FAILED in test\/fixtures\/notebooks\/02-type-error\.ipynb: code cell 2 \(cell index 1\)/);
  assert.match(report, /\| const fixtureCount: number = "not a number";/);
  // TS2322's message (the fixture assigns a string to a number).
  assert.match(report, /Type 'string' is not assignable to type 'number'/);
  const r = record(summary, "02-type-error");
  assert.equal(r.failingCell?.codeCellNumber, 2);
  assert.match(r.error ?? "", /Type 'string' is not assignable to type 'number'/);
  // Executed copy: cell 1 ran, cell 2 failed with its count, cell 3 untouched.
  const nb = readJson<Nb>(r.output!);
  assert.equal(nb.cells[0].execution_count, 1);
  assert.equal(text(nb.cells[0].outputs![0].text), "before the type error\n");
  assert.equal(nb.cells[1].execution_count, 2);
  assert.equal(nb.cells[2].execution_count, null);
  assert.deepEqual(nb.cells[2].outputs, []);
});

test("a thrown error: the thrown message, not tslab's empty error reply", async () => {
  const { run, summary } = await allResult;
  const report = reportOf(run.stdout, "03-throw");
  assert.match(report, /code cell 2 \(cell index 1\) failed/);
  assert.match(report, /\| function fixtureFail\(\): never \{/);
  assert.match(report, /\|   throw new Error\("fixture boom: the thrown message 7731"\);/);
  assert.match(report, /\| Error: fixture boom: the thrown message 7731/);
  assert.match(record(summary, "03-throw").error ?? "", /Error: fixture boom: the thrown message 7731/);
});

test("a hung cell (busy loop) and a never-settling await: TIMEOUT naming the cell, kernel stopped", async () => {
  const { run, summary } = await allResult;
  const hang = reportOf(run.stdout, "04-hang");
  assert.match(hang, /04-hang\s+2\/3 cells .* TIMEOUT/);
  assert.match(hang, /TIMEOUT in .*04-hang\.ipynb: code cell 2 \(cell index 1\) timed out/);
  assert.match(hang, /\| for \(;;\) \{ spins\+\+; \}/);
  assert.match(hang, /did not finish within 3 s/);
  const nb = readJson<Nb>(record(summary, "04-hang").output!);
  assert.equal(text(nb.cells[0].outputs![0].text), "before the hang\n", "outputs before the hang are kept");
  const forever = reportOf(run.stdout, "06-await-forever");
  assert.match(forever, /TIMEOUT in .*06-await-forever\.ipynb: code cell 1 \(cell index 0\) timed out/);
  assert.match(forever, /\| await new Promise<void>\(\(\) => \{\}\);/);
});

test("a kernel that exits mid-run: KERNEL DIED with its exit code", async () => {
  const { run, summary } = await allResult;
  const report = reportOf(run.stdout, "05-exit");
  assert.match(report, /05-exit\s+2\/3 cells .* KERNEL DIED/);
  assert.match(report, /code cell 2 \(cell index 1\) killed the kernel/);
  assert.match(report, /\| process\.exit\(3\);/);
  assert.match(report, /exit code 3/); // the fixture calls process.exit(3)
  const r = record(summary, "05-exit");
  assert.equal(r.kernelExit?.code, 3);
});

test("an unknown notebook name: exit 2 and the list of available notebooks", async () => {
  const run = await unknownRun.done;
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown notebook "99-no-such-notebook"/);
  for (const f of fs.readdirSync(fixtures).filter((f) => f.endsWith(".ipynb"))) {
    assert.ok(run.stderr.includes(path.basename(f, ".ipynb")), `lists ${f}`);
  }
});

test("Ctrl-C (SIGINT) during a hung cell: the runner exits 130 and its kernel is gone", async () => {
  const json = path.join(tmp, "sigint.json");
  const child = start(["--notebooks-dir", fixtures, "04", "--out", path.join(tmp, "sigint"), "--no-static", "--verbose", "--json", json]);
  const [, pid] = await child.waitFor(/kernel pid (\d+) ready/);
  await child.waitFor(/first cell's result/); // now inside the endless cell
  assert.equal(isAlive(Number(pid)), true, "the kernel runs before the signal");
  child.proc.kill("SIGINT");
  const run = await child.done;
  assert.equal(run.code, 130, run.stdout + run.stderr);
  assert.match(run.stdout, /interrupted \(SIGINT\)/);
  await assertGone(Number(pid), "the kernel after SIGINT", 500);
  const summary = readJson<Summary>(json);
  assert.equal(summary.interrupted, "SIGINT");
  assert.equal(record(summary, "04-hang").kernelPid, Number(pid));
});

test("a runner killed with SIGKILL (no handler can run) still leaves no kernel behind", async () => {
  const child = start(["--notebooks-dir", fixtures, "04", "--out", path.join(tmp, "sigkill"), "--no-static", "--verbose"]);
  const [, pid] = await child.waitFor(/kernel pid (\d+) ready/);
  await child.waitFor(/first cell's result/);
  // Let cell 2 get past type-checking into its endless loop: the kernel's main thread is then blocked, so
  // only the guard's watchdog thread (not an event handler) can end it.
  await new Promise((r) => setTimeout(r, 1500));
  child.proc.kill("SIGKILL");
  await child.done;
  await assertGone(Number(pid), "the kernel after the runner was SIGKILLed", 5000);
});

test("broken notebooks are reported one by one with what is wrong, and the next notebook still runs", async () => {
  const run = await readerRun.done;
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /unexpected error|\n\s+at .*\.js:\d+/, "no stack trace");
  const summary = readJson<Summary>(readerJson);
  assert.deepEqual(
    summary.notebooks.map((n) => [n.name, n.status]),
    [
      ["bad-source", "FAILED"],
      ["null-cell", "FAILED"],
      ["old-format", "FAILED"],
      ["python-kernel", "FAILED"],
      ["my-hypothesis", "ok"],
    ],
  );
  // The fixtures: bad-source's second cell has source 42, null-cell's second cell is null, old-format is
  // nbformat 3, python-kernel names the python3 kernelspec.
  assert.match(record(summary, "bad-source").error ?? "", /bad-source\.ipynb: cell index 1 \(code\): "source" must be a string or a list of strings, got number 42/);
  assert.match(record(summary, "null-cell").error ?? "", /null-cell\.ipynb: cell index 1 must be an object, got null/);
  assert.match(record(summary, "old-format").error ?? "", /old-format\.ipynb is an nbformat 3 notebook/);
  assert.match(record(summary, "python-kernel").error ?? "", /python-kernel\.ipynb was not run: its kernelspec \("python3", language python\) is not TypeScript/);
  for (const name of ["bad-source", "null-cell", "old-format", "python-kernel"]) {
    const r = record(summary, name);
    assert.equal(r.kernelPid, null, `${name}: no kernel was started`);
    assert.equal(r.output, null, `${name}: no executed copy`);
    assert.equal(fs.existsSync(path.join(readerOut, `${name}.ipynb`)), false, `${name}: no executed copy on disk (a stale one is removed)`);
  }
  assert.match(run.stdout, /FAILED in .*bad-source\.ipynb\n\s+error:\n\s+\| readNotebook: .*"source" must be a string/);
  assert.match(run.stdout, /summary: 1\/5 notebooks ok/);
  // The reader's notebook (not a lesson, named by name) ran; it uses object shorthand across cells.
  const nb = readJson<Nb>(path.join(readerOut, "my-hypothesis.ipynb"));
  assert.equal(text(nb.cells[2].outputs![0].text), "reader x3\n");
});
