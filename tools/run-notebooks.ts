/**
 * `npm run lessons`: executes notebooks (by default the lessons; any notebook named on the command line),
 * each in a fresh tslab kernel that this program starts and drives itself over the Jupyter messaging
 * protocol (tools/lib/kernel-client.ts). No Python, no Jupyter.
 *
 *   node .out/tools/run-notebooks.js [names or paths...] [--out DIR] [--timeout SECONDS] [--no-static]
 *        [--json FILE] [--notebooks-dir DIR] [--startup-timeout SECONDS] [--max-output-bytes N] [--verbose]
 *
 * Writes executed copies (outputs, execution counts) to build/notebooks/, prints one line per notebook and a
 * summary, and exits 1 if any notebook failed (2: bad arguments; 130/143: interrupted by SIGINT/SIGTERM).
 * Like nbclient it stops a notebook at its first failing cell and leaves the later cells unexecuted.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { describeExit, KernelClient, KernelExit, KernelStartError, killAllKernelsSync, shutdownAllKernels } from "./lib/kernel-client";
import { writeFileAtomic } from "./lib/atomic-write";
import { DEFAULT_MAX_OUTPUT_BYTES, formatBytes, joinSource, kernelLanguageProblem, Notebook, NotebookCell, OutputCollector, prepareForExecution, readNotebook, streamText, writeNotebookAtomic } from "./lib/notebook";
import { allNotebooks, lessonNotebooks, solutionNotebooks } from "./lib/pack-notebooks";
import { displayPath, NOTEBOOKS_DIR, PROJECT_ROOT, userPath } from "./lib/paths";
import { renderStaticImages } from "./static-images";

export type NotebookStatus = "ok" | "FAILED" | "TIMEOUT" | "KERNEL DIED" | "INTERRUPTED";

/** What happened to one notebook; also the per-notebook record of the --json summary. */
export interface NotebookResult {
  name: string;
  path: string;
  /** The executed copy that was written, or null. */
  output: string | null;
  status: NotebookStatus;
  /** Code cells sent to the kernel (the failing one included) and code cells to run in all. */
  cellsRun: number;
  cellsTotal: number;
  seconds: number;
  /** The cell that failed, timed out or was running when the kernel died. */
  failingCell: { index: number; codeCellNumber: number; sourceHead: string[] } | null;
  /** The real error text (the cell's stderr, ename/evalue/traceback, or what stopped the kernel). */
  error: string | null;
  /** Code cells (1-based among the cells to run) whose output reached --max-output-bytes, and how much was dropped. */
  truncatedOutput: Array<{ codeCellNumber: number; droppedBytes: number; droppedMessages: number }>;
  /** From spawning the kernel to its answer to kernel_info_request (iopub live). */
  kernelStartSeconds: number | null;
  /** From spawning the kernel to the first cell's result. */
  firstCellLatencySeconds: number | null;
  kernelPid: number | null;
  kernelExit: KernelExit | null;
}

export interface RunnerOptions {
  names: string[];
  notebooksDir: string;
  outDir: string;
  timeoutSeconds: number;
  startupTimeoutSeconds: number;
  staticImages: boolean;
  jsonFile: string | null;
  /** What one cell may store (bytes of text and data); the rest is dropped with a note. */
  maxOutputBytes: number;
  verbose: boolean;
}

class UsageError extends Error {}

const USAGE = `usage: npm run lessons -- [names or paths...] [options]
  names                    notebooks to run: a lesson ("03", "03-random-graphs"), any notebook in notebooks/ by
                           name ("my-hypothesis"), a solutions notebook ("05-solutions"), or a path to an .ipynb
                           (default: every lesson, in order)
  --out DIR                where executed copies go (default: build/notebooks)
  --timeout SECONDS        per-cell time limit (default: 120)
  --startup-timeout SEC    time limit for a kernel to start (default: 60)
  --no-static              do not render static images of figures afterwards
  --json FILE              also write a machine-readable summary
  --notebooks-dir DIR      where to look for notebooks by name (default: notebooks)
  --max-output-bytes N     what one cell may store in the executed copy (default: ${DEFAULT_MAX_OUTPUT_BYTES},
                           ${formatBytes(DEFAULT_MAX_OUTPUT_BYTES)}); the rest is dropped with a note saying how much
  --verbose                print kernel start-up and first-cell timings`;

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseCli(argv: string[]): RunnerOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string" },
        timeout: { type: "string" },
        "startup-timeout": { type: "string" },
        "no-static": { type: "boolean" },
        json: { type: "string" },
        "notebooks-dir": { type: "string" },
        verbose: { type: "boolean" },
        "max-output-bytes": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError("");
  const seconds = (name: string, raw: string | undefined, dflt: number): number => {
    if (raw === undefined) return dflt;
    const x = Number(raw);
    if (!Number.isFinite(x) || x <= 0) throw new UsageError(`--${name} expects a positive number of seconds, got "${raw}"`);
    return x;
  };
  const positiveInteger = (name: string, raw: string | undefined, dflt: number): number => {
    if (raw === undefined) return dflt;
    const x = Number(raw);
    if (!Number.isSafeInteger(x) || x <= 0) throw new UsageError(`--${name} expects a positive whole number, got "${raw}"`);
    return x;
  };
  return {
    names: parsed.positionals,
    notebooksDir: v["notebooks-dir"] ? userPath(v["notebooks-dir"]) : NOTEBOOKS_DIR,
    outDir: v.out ? userPath(v.out) : path.join(PROJECT_ROOT, "build", "notebooks"),
    timeoutSeconds: seconds("timeout", v.timeout, 120),
    startupTimeoutSeconds: seconds("startup-timeout", v["startup-timeout"], 60),
    staticImages: !v["no-static"],
    jsonFile: v.json ? userPath(v.json) : null,
    maxOutputBytes: positiveInteger("max-output-bytes", v["max-output-bytes"], DEFAULT_MAX_OUTPUT_BYTES),
    verbose: Boolean(v.verbose),
  };
}

/** The lesson notebooks `NN-*.ipynb` in `dir`, in order (what runs when no name is given). */
export function listNotebooks(dir: string): string[] {
  return lessonNotebooks(dir);
}

/**
 * Resolves the names given on the command line to notebook files:
 * - a path to an existing .ipynb (relative to the folder the command was typed in);
 * - the name of a notebook in `dir` ("03-random-graphs", "my-hypothesis", with or without .ipynb), or of a
 *   solutions notebook in `dir`/solutions ("05-solutions");
 * - a unique prefix of a notebook's name in `dir` ("03" for the lesson 03-...).
 * Throws UsageError otherwise, listing what there is.
 */
export function resolveNotebooks(names: string[], dir: string): string[] {
  const lessons = lessonNotebooks(dir);
  const topLevel = allNotebooks(dir);
  const solutions = solutionNotebooks(dir);
  const listing = (): string => {
    const others = topLevel.filter((f) => !lessons.includes(f));
    const parts: string[] = [];
    const names = (files: string[]): string => files.map((f) => "  " + path.basename(f, ".ipynb")).join("\n");
    if (lessons.length) parts.push(`lessons in ${dir}:\n${names(lessons)}`);
    if (others.length) parts.push(`other notebooks in ${dir}:\n${names(others)}`);
    if (solutions.length) parts.push(`solutions in ${path.join(dir, "solutions")}:\n${names(solutions)}`);
    return parts.length ? parts.join("\n") : `no notebooks in ${dir}`;
  };
  if (names.length === 0) {
    if (lessons.length === 0) throw new UsageError(`no lessons (NN-title.ipynb) to run; ${listing()}`);
    return lessons;
  }
  const out: string[] = [];
  for (const name of names) {
    const asPath = userPath(name);
    if (name.endsWith(".ipynb") && fs.existsSync(asPath) && fs.statSync(asPath).isFile()) {
      out.push(asPath);
      continue;
    }
    if (name.includes("/") || name.includes(path.sep)) {
      throw new UsageError(`no notebook file ${asPath}${name.endsWith(".ipynb") ? "" : " (a path must name an .ipynb file)"}`);
    }
    const stem = name.replace(/\.ipynb$/, "");
    const byName = (files: string[]): string[] => files.filter((f) => path.basename(f, ".ipynb") === stem);
    const exact = byName(topLevel).concat(byName(solutions));
    const prefix = /^\d\d$/.test(stem) ? lessons.filter((f) => path.basename(f).startsWith(stem + "-")) : topLevel.filter((f) => path.basename(f).startsWith(stem));
    const matches = exact.length ? exact : prefix;
    if (matches.length === 1) {
      out.push(matches[0]);
    } else if (matches.length === 0) {
      throw new UsageError(`unknown notebook "${name}"; ${listing()}`);
    } else {
      throw new UsageError(`"${name}" matches several notebooks (${matches.map((f) => displayPath(f)).join(", ")}); ${listing()}`);
    }
  }
  return out;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

function cellTags(cell: NotebookCell): string[] {
  const tags = (cell.metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.map(String) : [];
}

/** The real error text of a failed cell: its stderr (where tslab writes the message), then ename/evalue/traceback. */
export function cellErrorText(cell: NotebookCell, replyContent: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  const stderr = streamText(cell, "stderr").trim();
  if (stderr) parts.push(stderr);
  const seen = new Set<string>();
  const addError = (ename: unknown, evalue: unknown, traceback: unknown): void => {
    const head = [ename, evalue].filter((x) => typeof x === "string" && x !== "").join(": ");
    const tb = Array.isArray(traceback) ? traceback.map((l) => stripAnsi(String(l))).join("\n").trim() : "";
    const text = [head, tb].filter(Boolean).join("\n");
    if (text && !seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  };
  for (const o of cell.outputs ?? []) if (o.output_type === "error") addError(o.ename, o.evalue, o.traceback);
  if (replyContent) addError(replyContent.ename, replyContent.evalue, replyContent.traceback);
  if (replyContent?.status === "abort") parts.push("the kernel aborted the request (execute_reply status 'abort')");
  return parts.length ? stripAnsi(parts.join("\n")) : "(the kernel reported an error but wrote no message)";
}

export interface RunHooks {
  /** Called when a code cell starts (1-based among the cells to run). */
  onCell?(codeCellNumber: number, total: number): void;
  onKernel?(kernel: KernelClient): void;
  log?(line: string): void;
  /** Checked between cells: stop early when true. */
  stopping?(): boolean;
}

/** Executes one notebook in a fresh kernel, writes its executed copy to `outDir` and reports what happened. */
export async function runNotebook(file: string, opts: RunnerOptions, hooks: RunHooks = {}): Promise<NotebookResult> {
  const t0 = performance.now();
  const name = path.basename(file, ".ipynb");
  const result: NotebookResult = {
    name,
    path: file,
    output: null,
    status: "ok",
    cellsRun: 0,
    cellsTotal: 0,
    seconds: 0,
    failingCell: null,
    error: null,
    truncatedOutput: [],
    kernelStartSeconds: null,
    firstCellLatencySeconds: null,
    kernelPid: null,
    kernelExit: null,
  };
  const out = path.join(opts.outDir, path.basename(file));
  let nb: Notebook;
  try {
    nb = prepareForExecution(readNotebook(file));
    const wrongKernel = kernelLanguageProblem(nb);
    if (wrongKernel) throw new Error(`${displayPath(file)} was not run: ${wrongKernel}`);
  } catch (e) {
    // An executed copy from an earlier run would pass for this notebook's result: remove it.
    fs.rmSync(out, { force: true });
    result.status = "FAILED";
    result.error = (e as Error).message;
    result.seconds = (performance.now() - t0) / 1000;
    return result;
  }
  const toRun = nb.cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type === "code" && joinSource(cell.source).trim() !== "" && !cellTags(cell).includes("skip-execution"));
  result.cellsTotal = toRun.length;

  const fail = (status: NotebookStatus, at: { cell: NotebookCell; index: number } | null, codeCellNumber: number, error: string): void => {
    result.status = status;
    result.error = error;
    if (at) {
      const lines = joinSource(at.cell.source).replace(/\n+$/, "").split("\n");
      result.failingCell = { index: at.index, codeCellNumber, sourceHead: lines.slice(0, 5).concat(lines.length > 5 ? [`... (${lines.length - 5} more lines)`] : []) };
    }
  };

  let kernel: KernelClient | undefined;
  try {
    if (toRun.length > 0) {
      try {
        kernel = await KernelClient.start({ cwd: path.dirname(file), startupTimeoutMs: opts.startupTimeoutSeconds * 1000 });
      } catch (e) {
        if (!(e instanceof KernelStartError)) throw e;
        result.kernelExit = e.exit ?? null;
        const tail = lastLines(e.stderrTail, 15);
        fail(e.exit ? "KERNEL DIED" : "TIMEOUT", null, 0, `${e.message}${tail ? `\nkernel output (last lines):\n${tail}` : ""}`);
      }
    }
    if (kernel) {
      result.kernelPid = kernel.pid;
      result.kernelStartSeconds = (performance.now() - kernel.spawnedAt) / 1000;
      hooks.onKernel?.(kernel);
      hooks.log?.(`  ${name}: kernel pid ${kernel.pid} ready after ${result.kernelStartSeconds.toFixed(2)} s`);
      const collector = new OutputCollector(opts.maxOutputBytes);
      for (let i = 0; i < toRun.length; i++) {
        if (hooks.stopping?.()) break;
        const at = toRun[i];
        hooks.onCell?.(i + 1, toRun.length);
        collector.startCell();
        result.cellsRun = i + 1;
        const outcome = await kernel.execute(joinSource(at.cell.source), {
          timeoutMs: opts.timeoutSeconds * 1000,
          onIopub: (msg) => collector.apply(at.cell, { msg_type: msg.header.msg_type, content: msg.content }),
        });
        const dropped = collector.finishCell(at.cell);
        if (dropped.messages > 0) result.truncatedOutput.push({ codeCellNumber: i + 1, droppedBytes: dropped.bytes, droppedMessages: dropped.messages });
        if (i === 0) {
          result.firstCellLatencySeconds = (performance.now() - kernel.spawnedAt) / 1000;
          hooks.log?.(`  ${name}: first cell's result ${result.firstCellLatencySeconds.toFixed(2)} s after spawning the kernel`);
        }
        if (outcome.kind === "reply") {
          at.cell.execution_count = outcome.executionCount;
          if (outcome.status === "ok") continue;
          if (outcome.status === "error" && cellTags(at.cell).includes("raises-exception")) continue;
          fail("FAILED", at, i + 1, cellErrorText(at.cell, outcome.content));
        } else if (outcome.kind === "timeout") {
          const soFar = streamText(at.cell, "stderr").trim();
          fail("TIMEOUT", at, i + 1, `the cell did not finish within ${opts.timeoutSeconds} s; the kernel was stopped${soFar ? `\ncell stderr so far:\n${stripAnsi(soFar)}` : ""}`);
        } else {
          result.kernelExit = outcome.exit;
          await kernel.drainOutput();
          const cellErr = streamText(at.cell, "stderr").trim();
          const tail = lastLines(kernel.stderrTail(), 15);
          fail(
            "KERNEL DIED",
            at,
            i + 1,
            `the kernel process ended (${describeExit(outcome.exit)}) while running this cell` +
              (cellErr ? `\ncell stderr:\n${stripAnsi(cellErr)}` : "") +
              (tail ? `\nkernel output (last lines):\n${stripAnsi(tail)}` : ""),
          );
        }
        break;
      }
    }
  } finally {
    if (kernel) {
      await kernel.shutdown();
      if (!result.kernelExit && result.status === "KERNEL DIED") result.kernelExit = kernel.exit ?? null;
    }
  }
  writeNotebookAtomic(out, nb);
  result.output = out;
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

/** The record of a notebook that did not get as far as running (interrupted, or an unexpected error). */
function stoppedResult(file: string, status: NotebookStatus, error: string, kernelPid: number | null, ms: number): NotebookResult {
  return {
    name: path.basename(file, ".ipynb"),
    path: file,
    output: null,
    status,
    cellsRun: 0,
    cellsTotal: 0,
    seconds: ms / 1000,
    failingCell: null,
    error,
    truncatedOutput: [],
    kernelStartSeconds: null,
    firstCellLatencySeconds: null,
    kernelPid,
    kernelExit: null,
  };
}

function lastLines(text: string, n: number): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  return lines.slice(-n).join("\n").trim();
}

/** The one-line report of a finished notebook. */
export function formatLine(r: NotebookResult, nameWidth: number): string {
  return `${r.name.padEnd(nameWidth)}  ${`${r.cellsRun}/${r.cellsTotal} cells`.padStart(12)}  ${`${r.seconds.toFixed(1)} s`.padStart(8)}  ${r.status}`;
}

/** The detailed report of a failed notebook: where, the cell's first lines, and the real error text. */
export function formatFailure(r: NotebookResult): string {
  const lines: string[] = [];
  const rel = displayPath(r.path);
  if (r.failingCell) {
    const what = r.status === "TIMEOUT" ? "timed out" : r.status === "KERNEL DIED" ? "killed the kernel" : "failed";
    lines.push(`  ${r.status} in ${rel}: code cell ${r.failingCell.codeCellNumber} (cell index ${r.failingCell.index}) ${what}`);
    lines.push("    source:");
    for (const l of r.failingCell.sourceHead) lines.push(`      | ${l}`);
  } else {
    lines.push(`  ${r.status} in ${rel}`);
  }
  if (r.error) {
    lines.push("    error:");
    const errLines = r.error.split("\n");
    for (const l of errLines.slice(0, 40)) lines.push(`      | ${l}`);
    if (errLines.length > 40) lines.push(`      | ... (${errLines.length - 40} more lines)`);
  }
  if (r.output) lines.push(`    executed copy: ${displayPath(r.output)}`);
  return lines.join("\n");
}

interface Summary {
  ok: boolean;
  exitCode: number;
  seconds: number;
  interrupted: string | null;
  notebooks: NotebookResult[];
  staticImages: { rendered: number; skippedReason: string | null; error: string | null } | null;
  /** The runner's own peak resident memory, in bytes. */
  runnerMaxRssBytes: number;
}

function writeJson(file: string, summary: Summary): void {
  writeFileAtomic(file, JSON.stringify(summary, null, 2) + "\n");
}

async function main(): Promise<number> {
  let opts: RunnerOptions;
  let files: string[];
  try {
    opts = parseCli(process.argv.slice(2));
    files = resolveNotebooks(opts.names, opts.notebooksDir);
    const clash = files.find((f) => path.dirname(f) === opts.outDir);
    if (clash) throw new UsageError(`--out ${opts.outDir} is the folder of ${path.basename(clash)}: the executed copy would overwrite the notebook`);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) console.error(`run-notebooks: ${e.message}\n`);
      console.error(USAGE);
      return 2;
    }
    throw e;
  }
  const t0 = performance.now();
  const tty = Boolean(process.stdout.isTTY);
  const results: NotebookResult[] = [];
  const summary = (exitCode: number, interrupted: string | null, staticImages: Summary["staticImages"]): Summary => ({
    ok: exitCode === 0,
    exitCode,
    seconds: (performance.now() - t0) / 1000,
    interrupted,
    notebooks: results,
    staticImages,
    runnerMaxRssBytes: process.resourceUsage().maxRSS * 1024,
  });

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (stopping) {
      killAllKernelsSync();
      process.exit(code);
    }
    stopping = true;
    process.stdout.write(`${tty ? "\r\u001b[K" : ""}\ninterrupted (${signal}): stopping the kernel\n`);
    void shutdownAllKernels().finally(() => {
      if (current) results.push(stoppedResult(current.file, "INTERRUPTED", "interrupted by a signal; the kernel was stopped", current.pid, performance.now() - current.start));
      if (opts.jsonFile) writeJson(opts.jsonFile, summary(code, signal, null));
      process.exit(code);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const width = Math.max(...files.map((f) => path.basename(f, ".ipynb").length));
  console.log(`running ${files.length} notebook${files.length === 1 ? "" : "s"} -> ${displayPath(opts.outDir)} (cell timeout ${opts.timeoutSeconds} s)`);
  let current: { file: string; pid: number | null; start: number } | undefined;
  for (let n = 0; n < files.length && !stopping; n++) {
    const name = path.basename(files[n], ".ipynb");
    const nbStart = performance.now();
    current = { file: files[n], pid: null, start: nbStart };
    let cellInfo = "starting kernel";
    const progress = (): void => {
      if (tty && !stopping) process.stdout.write(`\r\u001b[K  [${n + 1}/${files.length}] ${name}: ${cellInfo} (${((performance.now() - nbStart) / 1000).toFixed(0)} s)`);
    };
    progress();
    const ticker = tty ? setInterval(progress, 1000) : undefined;
    let r: NotebookResult;
    try {
      r = await runNotebook(files[n], opts, {
        onKernel: (k) => {
          if (current) current.pid = k.pid;
        },
        onCell: (c, total) => {
          cellInfo = `cell ${c}/${total}`;
          progress();
        },
        log: opts.verbose
          ? (line) => {
              process.stdout.write(tty ? `\r\u001b[K${line}\n` : `${line}\n`);
              progress();
            }
          : undefined,
        stopping: () => stopping,
      });
    } catch (e) {
      // Whatever went wrong with this notebook, report it and go on with the next one.
      const message = e instanceof Error ? e.message : String(e);
      r = stoppedResult(files[n], "FAILED", `the runner could not run this notebook: ${message}`, current?.pid ?? null, performance.now() - nbStart);
    } finally {
      if (ticker) clearInterval(ticker);
      if (tty) process.stdout.write("\r\u001b[K");
    }
    if (stopping) break;
    current = undefined;
    results.push(r);
    console.log(formatLine(r, width));
    for (const t of r.truncatedOutput) {
      console.log(`  note: the output of code cell ${t.codeCellNumber} reached ${formatBytes(opts.maxOutputBytes)}; ${formatBytes(t.droppedBytes)} more were dropped (see the note in the executed copy)`);
    }
    if (r.status !== "ok") console.log(formatFailure(r));
  }
  if (stopping) return new Promise<number>(() => {}); // the signal handler exits

  let exitCode = results.every((r) => r.status === "ok") ? 0 : 1;
  let staticImages: Summary["staticImages"] = null;
  const written = results.map((r) => r.output).filter((p): p is string => p !== null);
  if (opts.staticImages && written.length > 0) {
    try {
      const s = await renderStaticImages(written);
      staticImages = { rendered: s.rendered, skippedReason: s.skippedReason ?? null, error: null };
      if (s.skippedReason) {
        const ci = process.env.CI === "true";
        console.log(`static images skipped: ${s.skippedReason}${ci ? " (a failure under CI=true: CI must render them)" : ""}`);
        if (ci) exitCode = 1;
      } else {
        console.log(`static images: ${s.rendered} rendered${s.totalMs !== undefined ? ` in ${(s.totalMs / 1000).toFixed(1)} s` : ""}`);
      }
    } catch (e) {
      staticImages = { rendered: 0, skippedReason: null, error: (e as Error).message };
      console.log(`static images FAILED: ${(e as Error).message}`);
      exitCode = 1;
    }
  }

  const seconds = (performance.now() - t0) / 1000;
  const bad = results.filter((r) => r.status !== "ok");
  const okCount = results.length - bad.length;
  console.log(
    `summary: ${okCount}/${results.length} notebooks ok` +
      (bad.length ? `; not ok: ${bad.map((r) => `${r.name} (${r.status})`).join(", ")}` : "") +
      ` in ${seconds.toFixed(1)} s`,
  );
  if (opts.jsonFile) writeJson(opts.jsonFile, summary(exitCode, null, staticImages));
  return exitCode;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
      // Everything is closed by now; should some handle still hold the event loop, do not hang on it.
      setTimeout(() => process.exit(code), 5000).unref();
    },
    (e: unknown) => {
      console.error(`run-notebooks: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      killAllKernelsSync();
      process.exit(1);
    },
  );
}
