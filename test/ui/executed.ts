/**
 * The executed lessons the browser tests compare against: build/notebooks as `npm run lessons`
 * wrote them (run now when missing or older than a lesson or the library), copied to a snapshot
 * folder so that a concurrent `npm run lessons` cannot change them mid-test; and what each figure
 * output holds (id, caption, trace count).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../tools/jupyter-env";
import { figureOutputs, outputFigureMeta } from "../../tools/static-images";
import { withoutPlotlyCaption } from "../../src/view/figure-caption";

export const BUILD = path.join(PROJECT_ROOT, "build");
export const EXECUTED = path.join(BUILD, "notebooks");
export const RUNNER = path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js");
const LESSONS = path.join(PROJECT_ROOT, "notebooks");

export function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: "utf8", timeout: timeoutMs, env: env ?? process.env });
  const out = `${r.stdout ?? ""}\n${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${out}`);
  return out;
}

/** File names of the lessons (NN-name.ipynb), in order. */
export function lessonFiles(): string[] {
  return fs.readdirSync(LESSONS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
}

/**
 * Executed copies of every lesson in `snapshotDir` (name -> file), running the lessons first when
 * build/notebooks is missing one or is older than its lesson or the library.
 */
export function executedLessons(snapshotDir: string): Map<string, string> {
  const libBuilt = fs.statSync(path.join(PROJECT_ROOT, "dist", "index.js")).mtimeMs;
  const stale = lessonFiles().some((f) => {
    const copy = path.join(EXECUTED, f);
    if (!fs.existsSync(copy)) return true;
    const t = fs.statSync(copy).mtimeMs;
    return t < fs.statSync(path.join(LESSONS, f)).mtimeMs || t < libBuilt;
  });
  if (stale) {
    console.log("browser test: build/notebooks is missing or older than the lessons; running the lessons first");
    run(process.execPath, [RUNNER, "--out", EXECUTED], 15 * 60_000);
  }
  fs.mkdirSync(snapshotDir, { recursive: true });
  const out = new Map<string, string>();
  for (const f of lessonFiles()) {
    fs.copyFileSync(path.join(EXECUTED, f), path.join(snapshotDir, f));
    out.set(path.basename(f, ".ipynb"), path.join(snapshotDir, f));
  }
  return out;
}

export interface ExpectedFigure {
  elementId: string | null;
  id: string | null;
  caption: string | null;
  traces: number;
  types: string[];
  hasPng: boolean;
}

/** Figure outputs of an executed notebook file, in order. */
export function expectedFigures(file: string): ExpectedFigure[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  return figureOutputs(nb).map((o) => {
    const spec = withoutPlotlyCaption(o.data!["application/vnd.plotly.v1+json"] as { data: { type?: string }[]; layout: Record<string, unknown> });
    const meta = outputFigureMeta(o);
    const data = spec.data as { type?: string }[];
    return {
      elementId: meta?.elementId ?? null,
      id: meta?.id ?? null,
      caption: meta?.caption ?? null,
      traces: data.length,
      types: data.map((t) => t.type ?? "scatter"),
      hasPng: typeof o.data!["image/png"] === "string",
    };
  });
}

/** A copy of a notebook without outputs: whatever is drawn afterwards comes from a live kernel. */
export function withoutOutputs(source: string, target: string): void {
  const nb = JSON.parse(fs.readFileSync(source, "utf8"));
  for (const c of nb.cells) if (c.cell_type === "code") (c.outputs = []), (c.execution_count = null);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(nb, null, 1));
}
