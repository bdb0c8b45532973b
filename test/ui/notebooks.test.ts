/**
 * The figures render in a real browser (issue 3, section 5).
 *
 * 1. Executed notebooks (build/notebooks from `npm run lessons`, plus this folder's fixture run by
 *    the same runner) are opened, signed as trusted, in the classic Notebook 6 in headless Chromium:
 *    every figure output must be drawn by plotly with the number of traces its stored spec has, and
 *    no output shows an error. One screenshot per notebook goes to build/screenshots/.
 * 2. The same notebooks exported by nbconvert (what nbviewer shows) and opened with JavaScript OFF
 *    still show every figure as an image.
 * 3. The fixture opened UNTRUSTED (scripts stripped by the Notebook's sanitizer) shows the image.
 * 4. One notebook runs live (Run All in the page) and its figures appear.
 * The server and every kernel it started are stopped in `after`, also when a test fails.
 *
 * Needs /usr/bin/python3 with the classic Notebook 6 and Chromium. Without them the tests are
 * skipped with the reason; under CI=true that is a failure.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PROJECT_ROOT, jupyterEnv, probePython, registerKernel, type PythonInfo } from "../../tools/jupyter-env";
import { CHROMIUM_ARGS, chromiumPath, figureOutputs, staticRenderingUnavailable } from "../../tools/static-images";
import { BUILD, RUNNER, executedLessons, expectedFigures, run, withoutOutputs, type ExpectedFigure } from "./executed";
import { leftoverKernelPids, startServer, stopServer, shutdownKernels, type NotebookServer } from "./jupyter-server";

const CI = process.env.CI === "true";
const PYTHON = process.env.EMERGENCE_LAB_PYTHON || "/usr/bin/python3";
const WORK = path.join(BUILD, "browser");
const SCREENSHOTS = path.join(BUILD, "screenshots");
const FIXTURE = path.join(PROJECT_ROOT, "test", "ui", "fixtures", "view-figures.ipynb");

// ---- what is needed, and whether to skip -----------------------------------------------------

function missingPieces(): { reason: string | null; python: PythonInfo | null } {
  const python = probePython(PYTHON);
  if (!python) return { reason: `${PYTHON} cannot run`, python };
  if (!python.modules.notebook) return { reason: `${PYTHON} cannot import notebook (Debian: apt-get install jupyter-notebook)`, python };
  if (python.modules.notebookMajor !== 6) {
    return { reason: `${PYTHON} has notebook ${python.modules.notebookMajor}; this test drives the classic Notebook 6 UI`, python };
  }
  const chromium = staticRenderingUnavailable();
  if (chromium) return { reason: chromium.replace(/; static figure images were skipped$/, ""), python };
  return { reason: null, python };
}

const missing = missingPieces();
const skip = missing.reason && !CI ? `browser test skipped: ${missing.reason}` : false;
if (skip) console.log(skip);

// ---- shared state ------------------------------------------------------------------------------

let server: NotebookServer | null = null;
let browser: Browser | null = null;
/** Executed notebooks to check: name -> absolute path of the executed file. */
let executed = new Map<string, string>();

before(async () => {
  if (skip) return;
  assert.equal(missing.reason, null, `under CI=true the browser test needs Jupyter and Chromium: ${missing.reason}`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  executed = executedLessons(path.join(WORK, "executed"));
  // The view fixture, executed by the same runner (static images included).
  run(process.execPath, [RUNNER, FIXTURE, "--out", path.join(WORK, "fixture")], 120_000);
  executed.set("view-figures", path.join(WORK, "fixture", "view-figures.ipynb"));

  registerKernel();
  server = await startServer({ python: missing.python!.python, app: "notebook6" });
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (server) {
    await stopServer(server);
    const left = leftoverKernelPids(server);
    assert.deepEqual(left, [], "kernels left running after the server stopped");
  }
});

// ---- page helpers ---------------------------------------------------------------------------------

/** Relative URL path of a file under the project root (the server's notebook dir). */
function rel(file: string): string {
  return path.relative(PROJECT_ROOT, file).split(path.sep).map(encodeURIComponent).join("/");
}

async function openNotebook(file: string): Promise<{ page: Page; ctx: BrowserContext; errors: string[] }> {
  const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e && e.message ? e.message : e)));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server!.url}notebooks/${rel(file)}?token=${server!.token}`, { waitUntil: "load", timeout: 60_000 });
  await page.waitForFunction(
    () => {
      const J = (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter;
      return J?.notebook?._fully_loaded === true;
    },
    null,
    { timeout: 60_000 },
  );
  return { page, ctx, errors };
}

interface FigureState {
  elementId: string;
  state: string | null;
  traces: number | null;
  domTraces: number;
  status: string;
  img: boolean;
}

/** Waits until every figure container has finished (drawn or failed), then reads each. */
async function figureStates(page: Page, count: number, timeoutMs = 60_000): Promise<FigureState[]> {
  await page.waitForFunction(
    (n: number) => {
      const figs = Array.from(document.querySelectorAll("#notebook-container figure.emergence-lab-figure"));
      return figs.length >= n && figs.every((f) => ["plotly", "failed"].includes(f.getAttribute("data-el-state") ?? ""));
    },
    count,
    { timeout: timeoutMs, polling: 200 },
  ).catch(() => undefined); // read the states anyway: the assertions below say what is wrong
  return page.evaluate(() => {
    return Array.from(document.querySelectorAll("#notebook-container figure.emergence-lab-figure")).map((f) => {
      const gd = f.querySelector(".js-plotly-plot") as (Element & { data?: unknown[] }) | null;
      const img = f.querySelector(".el-fig-fallback img") as HTMLImageElement | null;
      return {
        elementId: f.id,
        state: f.getAttribute("data-el-state"),
        traces: gd && Array.isArray(gd.data) ? gd.data.length : null,
        domTraces: gd ? gd.querySelectorAll("g.trace").length : 0,
        status: (f.querySelector(".el-fig-status") as HTMLElement | null)?.textContent ?? "",
        img: !!img && img.complete && img.naturalWidth > 0,
      };
    });
  }, null);
}

/** Texts of outputs that show an error (tslab writes errors to stderr). */
async function errorOutputs(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      Array.from(document.querySelectorAll("#notebook-container .output_error, #notebook-container .output_stderr")).map((e) =>
        (e.textContent ?? "").slice(0, 300),
      ),
    null,
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  // The classic Notebook scrolls inside #site; let the page grow so one full-page shot holds all.
  await page.addStyleTag({ content: "html,body,#site{height:auto!important;overflow:visible!important}" });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

function assertDrawn(name: string, expected: ExpectedFigure[], states: FigureState[]): void {
  assert.equal(states.length, expected.length, `${name}: ${expected.length} figure outputs stored, ${states.length} in the page`);
  expected.forEach((e, i) => {
    const s = states[i];
    const label = `${name} figure ${i + 1}${e.id ? ` (${e.id})` : ""}`;
    assert.equal(s.state, "plotly", `${label} was not drawn by plotly: state ${s.state}, message "${s.status}"`);
    assert.equal(s.traces, e.traces, `${label}: ${e.traces} traces in the spec, ${s.traces} drawn`);
    // Scatter and bar traces each draw one <g class="trace"> group: count them in the SVG too.
    if (e.types.every((t) => t === "scatter" || t === "bar")) {
      assert.equal(s.domTraces, e.traces, `${label}: ${s.domTraces} trace groups in the SVG, expected ${e.traces}`);
    }
  });
}

// ---- the tests ----------------------------------------------------------------------------------

test("every executed notebook shows every figure (trusted, classic Notebook 6, headless Chromium)", { skip, timeout: 240_000 }, async () => {
  const pages = path.join(WORK, "pages");
  fs.mkdirSync(pages, { recursive: true });
  const copies = [...executed].map(([name, file]) => {
    const copy = path.join(pages, `${name}.ipynb`); // a copy: the UI may autosave what it opens
    fs.copyFileSync(file, copy);
    return { name, file, copy };
  });
  run(PYTHON, ["-m", "nbformat.sign", ...copies.map((c) => c.copy)], 60_000, jupyterEnv());
  let figures = 0;
  for (const { name, copy } of copies) {
    const expected = expectedFigures(copy);
    const t0 = Date.now();
    const { page, ctx, errors } = await openNotebook(copy);
    try {
      const states = await figureStates(page, expected.length);
      await screenshot(page, name);
      assertDrawn(name, expected, states);
      assert.deepEqual(await errorOutputs(page), [], `${name}: outputs show errors`);
      assert.deepEqual(errors, [], `${name}: JavaScript errors in the page`);
      figures += expected.length;
      console.log(`  ${name}: ${expected.length} figure(s) drawn in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } finally {
      await ctx.close();
      await shutdownKernels(server!);
    }
  }
  assert.ok(figures > 0, "no figure outputs at all in the executed notebooks");
});

test("without JavaScript (nbconvert HTML, as nbviewer shows it) every figure is an image", { skip, timeout: 120_000 }, async () => {
  const outDir = path.join(WORK, "html");
  fs.mkdirSync(outDir, { recursive: true });
  const files = [...executed.values()];
  run(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", outDir, ...files], 120_000, jupyterEnv());
  const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  try {
    for (const [name, file] of executed) {
      const expected = expectedFigures(file);
      expected.forEach((e, i) =>
        assert.ok(e.hasPng, `${name} figure ${i + 1}: the executed notebook has no image/png (static images skipped or failed in npm run lessons)`),
      );
      const page = await ctx.newPage();
      await page.goto(`file://${path.join(outDir, `${name}.html`)}`, { waitUntil: "load" });
      const imgs = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll("figure.emergence-lab-figure")).map((f) => {
            const img = f.querySelector(".el-fig-fallback img") as HTMLImageElement | null;
            return { width: img?.naturalWidth ?? 0, plot: !!f.querySelector(".js-plotly-plot") };
          }),
        null,
      );
      assert.equal(imgs.length, expected.length, `${name}: ${expected.length} figures stored, ${imgs.length} in the HTML`);
      imgs.forEach((im, i) => {
        assert.ok(im.width > 0, `${name} figure ${i + 1}: no image shown without JavaScript (run with static images)`);
        assert.equal(im.plot, false, "no script ran");
      });
      await page.close();
    }
  } finally {
    await ctx.close();
  }
});

test("an untrusted notebook (scripts stripped by the sanitizer) shows the static image", { skip, timeout: 90_000 }, async () => {
  const file = executed.get("view-figures")!;
  // Never signed, and its content differs from the signed copy (signatures are content hashes).
  const copy = path.join(WORK, "untrusted-view-figures.ipynb");
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  nb.metadata["emergence-lab-test"] = "untrusted copy";
  fs.writeFileSync(copy, JSON.stringify(nb, null, 1));
  const expected = expectedFigures(copy);
  const { page, ctx } = await openNotebook(copy);
  try {
    await page.waitForFunction(
      (n: number) => {
        const imgs = Array.from(document.querySelectorAll("#notebook-container .output_area img")) as HTMLImageElement[];
        return imgs.filter((i) => i.complete && i.naturalWidth > 0).length >= n;
      },
      expected.length,
      { timeout: 30_000 },
    ).catch(() => undefined);
    const shown = await page.evaluate(() => {
      const imgs = Array.from(document.querySelectorAll("#notebook-container .output_area img")) as HTMLImageElement[];
      return { images: imgs.filter((i) => i.complete && i.naturalWidth > 0).length, plots: document.querySelectorAll(".js-plotly-plot").length };
    }, null);
    await screenshot(page, "untrusted-view-figures");
    assert.equal(shown.plots, 0, "an untrusted notebook runs no output scripts");
    assert.equal(shown.images, expected.length, `untrusted: ${expected.length} figures, ${shown.images} images shown`);
  } finally {
    await ctx.close();
    await shutdownKernels(server!);
  }
});

test("npm run figures: PNG and standalone offline HTML for every figure id", { skip, timeout: 90_000 }, async () => {
  const inDir = path.join(WORK, "fixture");
  const outDir = path.join(WORK, "figures");
  run(process.execPath, [path.join(PROJECT_ROOT, ".out", "tools", "figures.js"), "--in", inDir, "--out", outDir], 60_000);
  const expected = expectedFigures(path.join(inDir, "view-figures.ipynb"));
  const ids = expected.map((e) => e.id!).filter(Boolean);
  assert.deepEqual(ids, ["F-fixture-curves", "F-fixture-bars"]);
  const ctx = await browser!.newContext({ viewport: { width: 1000, height: 700 } });
  try {
    // Offline: every request that is not a file:// URL is refused.
    const page = await ctx.newPage();
    const requests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file://")) requests.push(r.url());
    });
    for (const e of expected) {
      const png = fs.readFileSync(path.join(outDir, `${e.id}.png`));
      assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71], `${e.id}.png is a PNG`);
      await page.goto(`file://${path.join(outDir, `${e.id}.html`)}`, { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelector(".js-plotly-plot .main-svg") !== null, null, { timeout: 30_000 });
      const traces = await page.evaluate(() => (document.querySelector(".js-plotly-plot") as unknown as { data: unknown[] }).data.length, null);
      assert.equal(traces, e.traces, `${e.id}.html draws ${e.traces} traces`);
    }
    assert.deepEqual(requests, [], "the standalone pages load nothing from the network");
  } finally {
    await ctx.close();
  }
});

test("JupyterLab-style page (config-data base URL, no require.js, scripts re-inserted): draws, or fails visibly", { skip, timeout: 60_000 }, async () => {
  // JupyterLab 4 is not packaged in Debian, so this page imitates what matters of it: the base URL
  // in a #jupyter-config-data element, no require.js, and output HTML set with innerHTML whose
  // <script> elements are then re-created so that they run (as JupyterLab's renderHTML does).
  const file = executed.get("view-figures")!;
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const htmls = figureOutputs(nb).map((o) => {
    const h = o.data!["text/html"];
    return Array.isArray(h) ? h.join("") : String(h);
  });
  const page = (baseUrl: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">
<script id="jupyter-config-data" type="application/json">${JSON.stringify({ baseUrl })}</script></head>
<body><div id="out"></div><script>
var outputs = ${JSON.stringify(htmls).replace(/</g, "\\u003c")};
outputs.forEach(function (h) {
  var host = document.createElement("div");
  host.innerHTML = h;
  document.getElementById("out").appendChild(host);
  host.querySelectorAll("script").forEach(function (old) {
    var s = document.createElement("script");
    s.textContent = old.textContent;
    old.parentNode.replaceChild(s, old);
  });
});
</script></body></html>`;
  const dir = path.join(WORK, "lab-sim");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "ok.html"), page("/"));
  fs.writeFileSync(path.join(dir, "wrong-root.html"), page("/not-the-project-root/"));
  // The server's /files/ route serves HTML in a sandbox (opaque origin, so no login cookie is
  // sent): authenticate every request of this context with the token header instead.
  const ctx = await browser!.newContext({ viewport: { width: 1000, height: 800 }, extraHTTPHeaders: { Authorization: `token ${server!.token}` } });
  try {
    const read = async (name: string) => {
      const p = await ctx.newPage();
      await p.goto(`${server!.url}files/${rel(path.join(dir, name))}?token=${server!.token}`, { waitUntil: "load" });
      await p.waitForFunction(
        (n: number) => {
          const f = Array.from(document.querySelectorAll("figure.emergence-lab-figure"));
          return f.length === n && f.every((x) => ["plotly", "failed"].includes(x.getAttribute("data-el-state") ?? ""));
        },
        htmls.length,
        { timeout: 30_000 },
      );
      const r = await p.evaluate(
        () =>
          Array.from(document.querySelectorAll("figure.emergence-lab-figure")).map((f) => ({
            state: f.getAttribute("data-el-state"),
            traces: (f.querySelector(".js-plotly-plot") as unknown as { data?: unknown[] } | null)?.data?.length ?? null,
            status: (f.querySelector(".el-fig-status") as HTMLElement).textContent ?? "",
            statusVisible: (f.querySelector(".el-fig-status") as HTMLElement).style.display !== "none",
            img: ((f.querySelector(".el-fig-fallback img") as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
          })),
        null,
      );
      await p.close();
      return r;
    };
    const expected = expectedFigures(file);
    const ok = await read("ok.html");
    ok.forEach((f, i) => {
      assert.equal(f.state, "plotly", `figure ${i + 1}: ${f.status}`);
      assert.equal(f.traces, expected[i].traces);
    });
    const wrong = await read("wrong-root.html");
    wrong.forEach((f, i) => {
      assert.equal(f.state, "failed", `figure ${i + 1} cannot load plotly.js from a wrong root`);
      assert.ok(f.statusVisible && /could not load plotly\.js from \/not-the-project-root\/files\/node_modules/.test(f.status), f.status);
      assert.ok(f.img, "the static image stays visible");
    });
  } finally {
    await ctx.close();
  }
});

test("one notebook runs live in the page (Run All) and its figures appear", { skip, timeout: 150_000 }, async () => {
  const name = process.env.EMERGENCE_LAB_LIVE_NOTEBOOK || (executed.has("00-tour") ? "00-tour" : "view-figures");
  const source = executed.get(name);
  assert.ok(source, `no executed notebook named ${name}`);
  const expected = expectedFigures(source);
  const copy = path.join(WORK, `live-${name}.ipynb`);
  withoutOutputs(source, copy);
  const t0 = Date.now();
  const { page, ctx, errors } = await openNotebook(copy);
  try {
    await page.waitForFunction(
      () => {
        const k = (window as unknown as { Jupyter: { notebook: { kernel?: { is_connected(): boolean; info_reply?: object } } } }).Jupyter.notebook.kernel;
        return !!k && k.is_connected() && !!k.info_reply;
      },
      null,
      { timeout: 60_000 },
    );
    await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells(), null);
    await page.waitForFunction(
      () => {
        const J = (window as unknown as { Jupyter: { notebook: { get_cells(): { cell_type: string; input_prompt_number?: number | string | null }[]; kernel: { _msg_callbacks?: object } } } }).Jupyter;
        const cells = J.notebook.get_cells().filter((c) => c.cell_type === "code");
        return cells.every((c) => typeof c.input_prompt_number === "number") && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
      },
      null,
      { timeout: 120_000, polling: 250 },
    );
    const states = await figureStates(page, expected.length, 30_000);
    await screenshot(page, `live-${name}`);
    // Live outputs have new element ids; compare the figures in order.
    assertDrawn(`live ${name}`, expected, states);
    assert.deepEqual(await errorOutputs(page), [], `live ${name}: outputs show errors`);
    assert.deepEqual(errors, [], `live ${name}: JavaScript errors in the page`);
    console.log(`  live ${name}: Run All and ${expected.length} figure(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await ctx.close();
    await shutdownKernels(server!);
  }
});
