/**
 * Every lesson, run live in JupyterLab 4 and in Notebook 7 (headless Chromium), as a reader runs it:
 * open the notebook (stored without outputs), "Restart Kernel and Run All Cells…" through the app's
 * command registry, accept the dialog, wait until every cell has run. Then: no error output, every
 * figure drawn by plotly with the traces of the executed copy from `npm run lessons`, every caption
 * visible, and no error in the page's console other than those a Python kernel produces in the same
 * UI (a baseline notebook run the same way). The baseline's Python kernel is registered, like the
 * lesson pack's, without a debugger: JupyterLab 4.6 logs "No active debugger session" for every
 * cell that any kernel without one runs, whatever its kernel_info says.
 *
 * Two renderers: JupyterLab with the Python `plotly` package's jupyterlab-plotly extension draws
 * application/vnd.plotly.v1+json and ignores the HTML (the caption must come from the spec), while
 * Notebook 7 with that extension disabled draws the lesson pack's HTML (plotly.js loaded from the
 * project's node_modules through the server). Without the plotly package both use the HTML.
 *
 * Needs a Python with JupyterLab 4 and Notebook 7 (`npm run lab -- --install-jupyter --with-plotly`
 * makes one in .jupyter/venv) and Chromium. Without them the tests are skipped with the reason;
 * under CI=true that is a failure, and so is a missing plotly package. EMERGENCE_LAB_UI_LESSONS=00,03
 * limits a local run to some lessons.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { PROJECT_ROOT, findPython, registerKernel, type PythonInfo } from "../../tools/jupyter-env";
import { CHROMIUM_ARGS, chromiumPath, staticRenderingUnavailable } from "../../tools/static-images";
import { BUILD, executedLessons, expectedFigures, withoutOutputs, type ExpectedFigure } from "./executed";
import { leftoverKernelPids, shutdownKernels, startServer, stopServer, type NotebookServer, type ServerApp } from "./jupyter-server";

const CI = process.env.CI === "true";
const WORK = path.join(BUILD, "browser-lab");
const SCREENSHOTS = path.join(BUILD, "screenshots");
const CELL_TIMEOUT_MS = 120_000;

function pythonWithLab(): { python: PythonInfo | null; reason: string | null } {
  const python = findPython((p) => p.modules.jupyterlab && (p.modules.notebookMajor ?? 0) >= 7);
  if (!python) return { python, reason: "no Python with JupyterLab 4 and Notebook 7 (npm run lab -- --install-jupyter --with-plotly)" };
  const chromium = staticRenderingUnavailable();
  if (chromium) return { python, reason: chromium.replace(/; static figure images were skipped$/, "") };
  if (CI && !python.versions.plotly) return { python, reason: `${python.python} has no plotly package: the jupyterlab-plotly renderer is not covered` };
  return { python, reason: null };
}

const { python, reason } = pythonWithLab();
const skip = reason && !CI ? `JupyterLab browser test skipped: ${reason}` : false;
if (skip) console.log(skip);
const plotlyRenderer = Boolean(python?.versions.plotly);

interface Ui {
  app: ServerApp;
  label: string;
  /** Draw figures with the jupyterlab-plotly renderer (else it is disabled: the HTML is drawn). */
  plotlyRenderer: boolean;
}
const UIS: Ui[] = [
  { app: "jupyterlab", label: `JupyterLab ${python?.versions.jupyterlab ?? "4"}`, plotlyRenderer },
  { app: "notebook7", label: `Notebook ${python?.versions.notebook ?? "7"}`, plotlyRenderer: false },
];

let browser: Browser | null = null;
let executed = new Map<string, string>();
const servers: NotebookServer[] = [];

before(async () => {
  if (skip) return;
  assert.equal(reason, null, `under CI=true the JupyterLab browser test needs: ${reason}`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  executed = executedLessons(path.join(WORK, "executed"));
  registerKernel();
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  for (const s of servers) {
    await stopServer(s);
    assert.deepEqual(leftoverKernelPids(s), [], `${s.app}: kernels left running after the server stopped`);
  }
});

// ---- driving the app -------------------------------------------------------------------------------

/** Path of a file relative to the server root, URL-encoded per segment. */
function rel(file: string): string {
  return path.relative(PROJECT_ROOT, file).split(path.sep).map(encodeURIComponent).join("/");
}

/** Status of the notebook panel for `relPath`, read through window.jupyterapp. */
interface PanelStatus {
  found: boolean;
  ready: boolean;
  kernel: string | null;
  dialog: string | null;
  counts: (number | null)[];
  errors: string[];
}

async function panelStatus(page: Page, relPath: string): Promise<PanelStatus> {
  return page.evaluate((p: string) => {
    type Cell = { model: { type: string; executionCount: number | null; outputs: { toJSON(): { output_type: string; name?: string; text?: string | string[]; ename?: string; evalue?: string }[] } } };
    type Panel = { context: { path: string; isReady: boolean }; content: { widgets: readonly Cell[] }; sessionContext: { session?: { kernel?: { status: string; connectionStatus: string } | null } | null } };
    const app = (window as unknown as { jupyterapp?: { shell: { currentWidget: unknown; widgets?: (area: string) => Iterable<unknown> } } }).jupyterapp;
    const out = { found: false, ready: false, kernel: null as string | null, dialog: null as string | null, counts: [] as (number | null)[], errors: [] as string[] };
    const dialog = document.querySelector(".jp-Dialog");
    out.dialog = dialog ? (dialog.textContent ?? "").slice(0, 200) : null;
    if (!app) return out;
    const candidates = [app.shell.currentWidget, ...(app.shell.widgets ? Array.from(app.shell.widgets("main")) : [])] as (Panel | null)[];
    const panel = candidates.find((w) => w && w.context && w.context.path === p);
    if (!panel) return out;
    out.found = true;
    out.ready = panel.context.isReady;
    const k = panel.sessionContext.session?.kernel;
    out.kernel = k ? `${k.connectionStatus}/${k.status}` : null;
    for (const cell of panel.content.widgets) {
      if (cell.model.type !== "code") continue;
      out.counts.push(cell.model.executionCount);
      for (const o of cell.model.outputs.toJSON()) {
        const text = Array.isArray(o.text) ? o.text.join("") : (o.text ?? "");
        if (o.output_type === "error") out.errors.push(`error: ${o.ename}: ${o.evalue}`);
        else if (o.output_type === "stream" && o.name === "stderr") out.errors.push(`stderr: ${text.slice(0, 400)}`);
      }
    }
    return out;
  }, relPath);
}

/** A browser page with its console errors (collected from the start). */
interface UiPage {
  page: Page;
  console: string[];
}

async function newPage(): Promise<UiPage> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return { page, console: consoleErrors };
}

async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const app = (window as unknown as { jupyterapp?: { restored?: Promise<void>; __elRestored?: boolean } }).jupyterapp;
      if (!app || !app.restored) return false;
      void app.restored.then(() => (app.__elRestored = true));
      return app.__elRestored === true;
    },
    null,
    { timeout: 90_000, polling: 250 },
  );
}

/**
 * Opens a notebook and waits until its kernel is connected and idle. JupyterLab: in `lab` (one
 * page for all notebooks, opened through the command registry); Notebook 7: a page of its own.
 */
async function openNotebook(server: NotebookServer, file: string, lab: UiPage | null): Promise<UiPage & { relPath: string }> {
  const relPath = path.relative(PROJECT_ROOT, file).split(path.sep).join("/");
  const p = lab ?? (await newPage());
  if (lab) {
    await lab.page.evaluate((r: string) => {
      const app = (window as unknown as { jupyterapp: { commands: { execute(id: string, args: object): Promise<unknown> } } }).jupyterapp;
      void app.commands.execute("docmanager:open", { path: r, factory: "Notebook" });
    }, relPath);
  } else {
    await p.page.goto(`${server.url}notebooks/${rel(file)}?token=${server.token}`, { waitUntil: "load", timeout: 90_000 });
    await waitForApp(p.page);
  }
  const t0 = Date.now();
  let s = await panelStatus(p.page, relPath);
  while (!(s.found && s.ready && s.kernel === "connected/idle")) {
    if (Date.now() - t0 > 90_000) throw new Error(`${relPath} did not open with an idle kernel in ${server.app}: ${JSON.stringify(s)}\nconsole: ${p.console.join("\n")}`);
    await p.page.waitForTimeout(200);
    s = await panelStatus(p.page, relPath);
  }
  return { ...p, relPath };
}

/** Closes a notebook panel without saving (its kernel is shut down through the API afterwards). */
async function closePanel(page: Page, relPath: string): Promise<void> {
  await page.evaluate((r: string) => {
    const app = (window as unknown as { jupyterapp: { shell: { widgets(area: string): Iterable<{ context?: { path: string }; dispose(): void }> } } }).jupyterapp;
    for (const w of Array.from(app.shell.widgets("main"))) if (w.context && w.context.path === r) w.dispose();
  }, relPath);
}

/**
 * Run > Restart Kernel and Run All Cells… (accepting the confirmation), or with `restart` false
 * Run > Run All Cells on the fresh kernel the notebook opened with; waits until every cell has run.
 */
async function runAll(page: Page, relPath: string, restart: boolean): Promise<PanelStatus> {
  await page.evaluate((id: string) => {
    const app = (window as unknown as { jupyterapp: { commands: { execute(id: string): Promise<unknown> } } }).jupyterapp;
    void app.commands.execute(id);
  }, restart ? "notebook:restart-run-all" : "notebook:run-all-cells");
  if (restart) {
    await page.waitForSelector(".jp-Dialog .jp-mod-accept", { timeout: 30_000 });
    await page.click(".jp-Dialog .jp-mod-accept");
  }
  const t0 = Date.now();
  let sawRestart = !restart;
  for (;;) {
    const s = await panelStatus(page, relPath);
    if (s.counts.some((c) => c === null)) sawRestart = true;
    const done = s.counts.length > 0 && s.counts.every((c, i) => c === i + 1) && s.kernel === "connected/idle";
    if ((done && sawRestart) || s.errors.length) return s;
    if (Date.now() - t0 > CELL_TIMEOUT_MS * 2) throw new Error(`${relPath}: Run All did not finish: ${JSON.stringify(s)}`);
    await page.waitForTimeout(250);
  }
}

interface DrawnFigure {
  kind: "html" | "plotly";
  traces: number | null;
  domTraces: number;
  state: string | null;
  caption: string;
  captionVisible: boolean;
}

/** The figures drawn in the notebook panel, in order, as the reader sees them. */
async function drawnFigures(page: Page, relPath: string): Promise<DrawnFigure[]> {
  return page.evaluate((p: string) => {
    const app = (window as unknown as { jupyterapp: { shell: { currentWidget: unknown; widgets(area: string): Iterable<unknown> } } }).jupyterapp;
    const panels = [app.shell.currentWidget, ...Array.from(app.shell.widgets("main"))] as ({ context?: { path: string }; node: HTMLElement } | null)[];
    const root = panels.find((w) => w && w.context && w.context.path === p)!.node;
    const visible = (e: Element | null) => {
      if (!e) return false;
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none";
    };
    const out: DrawnFigure[] = [];
    // Plots drawn by plotly: inside the lesson pack's HTML figure, or by the jupyterlab-plotly renderer.
    for (const gd of Array.from(root.querySelectorAll(".js-plotly-plot")) as (HTMLElement & { data?: unknown[] })[]) {
      const fig = gd.closest("figure.emergence-lab-figure");
      if (fig) {
        const cap = fig.querySelector("figcaption");
        out.push({
          kind: "html",
          traces: Array.isArray(gd.data) ? gd.data.length : null,
          domTraces: gd.querySelectorAll("g.trace").length,
          state: fig.getAttribute("data-el-state"),
          caption: cap?.textContent ?? "",
          captionVisible: visible(cap),
        });
      } else {
        const texts = Array.from(gd.querySelectorAll(".annotation-text"));
        const cap = texts.find((t) => /^Figure\s/.test(t.textContent ?? "")) ?? null;
        const lines = cap ? Array.from(cap.querySelectorAll(".line")) : [];
        out.push({
          kind: "plotly",
          traces: Array.isArray(gd.data) ? gd.data.length : null,
          domTraces: gd.querySelectorAll("g.trace").length,
          state: null,
          caption: cap ? (lines.length ? lines.map((l) => l.textContent ?? "").join(" ") : (cap.textContent ?? "")) : "",
          captionVisible: visible(cap),
        });
      }
    }
    // HTML figures that plotly never drew (failed to load plotly.js) still count: they fail below.
    for (const fig of Array.from(root.querySelectorAll("figure.emergence-lab-figure"))) {
      if (!fig.querySelector(".js-plotly-plot")) {
        out.push({ kind: "html", traces: null, domTraces: 0, state: fig.getAttribute("data-el-state"), caption: "", captionVisible: false });
      }
    }
    return out;
  }, relPath);
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

function checkFigures(label: string, ui: Ui, expected: ExpectedFigure[], drawn: DrawnFigure[]): void {
  assert.equal(drawn.length, expected.length, `${label}: ${expected.length} figures expected, ${drawn.length} drawn (${JSON.stringify(drawn.map((d) => d.state))})`);
  expected.forEach((e, i) => {
    const d = drawn[i];
    const what = `${label} figure ${i + 1}${e.id ? ` (${e.id})` : ""}`;
    assert.equal(d.kind, ui.plotlyRenderer ? "plotly" : "html", `${what}: drawn by the ${ui.plotlyRenderer ? "jupyterlab-plotly renderer" : "lesson pack's HTML"}`);
    if (d.kind === "html") assert.equal(d.state, "plotly", `${what}: not drawn (state ${d.state})`);
    assert.equal(d.traces, e.traces, `${what}: ${e.traces} traces in the spec, ${d.traces} drawn`);
    if (e.types.every((t) => t === "scatter" || t === "bar")) assert.equal(d.domTraces, e.traces, `${what}: trace groups in the SVG`);
    if (e.caption) {
      const want = d.kind === "plotly" ? `Figure ${e.id}. ${e.caption}` : e.caption;
      assert.equal(squash(d.caption), squash(want), `${what}: caption`);
      assert.ok(d.captionVisible, `${what}: caption not visible`);
    }
  });
}

/** Console errors of `errors` that the Python baseline did not produce (numbers and ids ignored). */
function unexpectedConsoleErrors(errors: string[], baseline: Set<string>): string[] {
  const norm = (m: string) => m.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>").replace(/\d+/g, "<n>").slice(0, 300);
  return errors.filter((m) => !baseline.has(norm(m))).map((m) => m.slice(0, 500));
}
function normalisedSet(errors: string[]): Set<string> {
  return new Set(errors.map((m) => m.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>").replace(/\d+/g, "<n>").slice(0, 300)));
}

/** Kernelspec of the baseline: ipykernel, registered without a debugger (as the TypeScript kernel is). */
const BASELINE_KERNEL = "python3-no-debugger";
function baselineKernelspec(python: string): Record<string, unknown> {
  return { argv: [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"], display_name: "Python 3 (no debugger)", language: "python", metadata: {} };
}

/** A two-cell Python notebook, run the same way: the console errors it causes are the UI's own. */
function pythonBaseline(dir: string): string {
  const file = path.join(dir, "python-baseline.ipynb");
  const nb = {
    cells: [
      { cell_type: "code", execution_count: null, id: "a", metadata: {}, outputs: [], source: ["print('hello')"] },
      { cell_type: "code", execution_count: null, id: "b", metadata: {}, outputs: [], source: ["from IPython.display import HTML, display\n", "display(HTML('<b>html</b>'))"] },
    ],
    metadata: { kernelspec: { name: BASELINE_KERNEL, display_name: "Python 3 (no debugger)", language: "python" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(nb, null, 1));
  return file;
}

for (const ui of UIS) {
  test(`every lesson runs with Restart Kernel and Run All in ${ui.label}${ui.plotlyRenderer ? " with the jupyterlab-plotly renderer" : " (HTML figures)"}`, { skip, timeout: 600_000 }, async () => {
    const t0 = Date.now();
    const server = await startServer({
      python: python!.python,
      app: ui.app,
      // The package and its renderer plugin's id (the page checks plugin ids).
      disabledExtensions: ui.plotlyRenderer ? [] : ["jupyterlab-plotly", "@jupyterlab/plotly-extension"],
      // Every cell attached to the page, so that every figure is in the DOM at once.
      userSettings: { "@jupyterlab/notebook-extension:tracker": { windowingMode: "none" } },
      kernelspecs: { [BASELINE_KERNEL]: baselineKernelspec(python!.python) },
    });
    servers.push(server);
    const dir = path.join(WORK, ui.app);
    fs.mkdirSync(dir, { recursive: true });

    // JupyterLab: one page for everything, as a reader works; Notebook 7: a page per notebook.
    const lab = ui.app === "jupyterlab" ? await newPage() : null;
    if (lab) {
      await lab.page.goto(`${server.url}lab?reset&token=${server.token}`, { waitUntil: "load", timeout: 90_000 });
      await waitForApp(lab.page);
    }
    // What the UI itself logs with an ordinary Python kernel.
    const base = await openNotebook(server, pythonBaseline(dir), lab);
    const consoleStart = base.console.length;
    const baseStatus = await runAll(base.page, base.relPath, true);
    assert.deepEqual(baseStatus.errors, [], "the Python baseline notebook runs cleanly");
    await base.page.waitForTimeout(500);
    const baseline = normalisedSet(base.console.slice(consoleStart));
    if (lab) await closePanel(lab.page, base.relPath);
    else await base.page.close();
    await shutdownKernels(server);
    console.log(`  ${ui.label}: started and baseline run in ${((Date.now() - t0) / 1000).toFixed(1)} s; baseline console errors: ${baseline.size ? [...baseline].map((m) => JSON.stringify(m.slice(0, 120))).join(", ") : "none"}`);

    let first = true;
    // Every lesson runs even when one fails; the failures are reported together at the end.
    const failures: string[] = [];
    const consoleProblems = new Map<string, string[]>();
    const only = (process.env.EMERGENCE_LAB_UI_LESSONS ?? "").split(",").filter(Boolean);
    for (const [name, source] of executed) {
      if (only.length && !only.some((o) => name.startsWith(o))) continue;
      const t1 = Date.now();
      const expected = expectedFigures(source);
      const copy = path.join(dir, `${name}.ipynb`);
      withoutOutputs(source, copy);
      let opened: UiPage & { relPath: string };
      try {
        opened = await openNotebook(server, copy, lab);
      } catch (e) {
        failures.push(`${name}: ${(e as Error).message.slice(0, 1500)}`);
        await shutdownKernels(server);
        continue;
      }
      const { page, relPath } = opened;
      const consoleFrom = opened.console.length;
      const tOpen = Date.now();
      try {
        // The menu's "Restart Kernel and Run All Cells…" once per UI; then "Run All Cells" on the
        // fresh kernel each notebook opens with (the same run, one kernel start less).
        const status = await runAll(page, relPath, first);
        first = false;
        assert.deepEqual(status.errors, [], `${ui.label} ${name}: error output`);
        const tRun = Date.now();
        // Figures draw asynchronously (plotly.js loads once per page): wait until all are there.
        let drawn = await drawnFigures(page, relPath);
        while (Date.now() - tRun < 30_000 && (drawn.length < expected.length || drawn.some((d) => d.kind === "html" && d.state !== "plotly" && d.state !== "failed"))) {
          await page.waitForTimeout(200);
          drawn = await drawnFigures(page, relPath);
        }
        checkFigures(`${ui.label} ${name}`, ui, expected, drawn);
        for (const m of unexpectedConsoleErrors(opened.console.slice(consoleFrom), baseline)) {
          consoleProblems.set(m, [...(consoleProblems.get(m) ?? []), name]);
        }
        const sec = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
        console.log(`  ${ui.label} ${name}: ${status.counts.length} cells, ${drawn.length} figure(s); open ${sec(t1, tOpen)} s, run ${sec(tOpen, tRun)} s, draw ${sec(tRun, Date.now())} s`);
      } catch (e) {
        await page.screenshot({ path: path.join(SCREENSHOTS, `${ui.app}-${name}-failed.png`) }).catch(() => undefined);
        failures.push(`${name}: ${(e as Error).message.slice(0, 1500)}`);
      } finally {
        if (lab) await closePanel(page, relPath);
        else await page.close();
        await shutdownKernels(server);
      }
    }
    await lab?.page.close();
    console.log(`  ${ui.label}: all lessons in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const [m, names] of consoleProblems) {
      failures.push(`console error a Python kernel does not cause, ${names.length}x in ${[...new Set(names)].join(", ")}: ${m}`);
    }
    assert.deepEqual(failures, [], `${ui.label}: ${failures.length} problem(s)`);
  });
}
