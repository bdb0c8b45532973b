/**
 * Checks every figure of the executed notebooks against the figure rules (tools/lib/figure-rules.ts):
 * on the stored plotly JSON, and, drawn by plotly.js in headless Chromium, on its legend, tick
 * labels, hidden traces and error bars.
 *
 * Usage: node .out/tools/figure-rules.js [--in build/notebooks]   (exit status 1 when a rule is broken)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Figure } from "../src/view/figure";
import { drawnProblems, measureInPage, specProblems, type DrawnFigure, type RuleProblem } from "./lib/figure-rules";
import { figureOutputs, launchChromium, outputFigure, plotlyJsFile, staticRenderingUnavailable } from "./static-images";

/** A figure found in a notebook, with where it was found. */
export interface FoundFigure {
  figure: Figure;
  where: string;
  /** The notebook's file name. */
  notebook: string;
}

/** Every figure output of the executed notebooks in `dir` (ids or, without one, notebook and position). */
export function notebookFigures(dir: string): FoundFigure[] {
  const out: FoundFigure[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb")).sort()) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    figureOutputs(nb).forEach((o, k) => {
      const figure = outputFigure(o);
      out.push({ figure, where: figure.id ?? `${f} figure #${k + 1}`, notebook: f });
    });
  }
  return out;
}

/** Draws the figures in one headless Chromium page and reports what {@link measureInPage} measures. */
export async function drawFigures(figures: readonly Figure[]): Promise<DrawnFigure[]> {
  const browser = await launchChromium();
  try {
    const page = (await browser.newPage({ viewport: { width: 1400, height: 1000 } })) as unknown as {
      setContent(html: string): Promise<void>;
      addScriptTag(o: { path: string }): Promise<unknown>;
      evaluate<R, A>(fn: (a: A) => R | Promise<R>, arg: A): Promise<R>;
    };
    await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>");
    await page.addScriptTag({ path: plotlyJsFile() });
    return await page.evaluate(measureInPage, figures.map((f) => ({ data: f.data, layout: f.layout })));
  } finally {
    await browser.close();
  }
}

/** Spec and drawn problems of the figures (drawn ones only when Chromium is available, else `drawn: false`). */
export async function auditFigures(found: readonly FoundFigure[]): Promise<{ problems: RuleProblem[]; drawn: boolean }> {
  const problems = found.flatMap((f) => specProblems(f.figure, f.where));
  if (staticRenderingUnavailable()) return { problems, drawn: false };
  const drawn = await drawFigures(found.map((f) => f.figure));
  drawn.forEach((d, i) => problems.push(...drawnProblems(found[i].figure, d, found[i].where)));
  return { problems, drawn: true };
}

async function main(): Promise<number> {
  const i = process.argv.indexOf("--in");
  const dir = path.resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : path.join(__dirname, "..", "..", "build", "notebooks"));
  if (!fs.existsSync(dir)) {
    console.error(`figure-rules: no folder ${dir}; run \`npm run lessons\` first`);
    return 1;
  }
  const found = notebookFigures(dir);
  const { problems, drawn } = await auditFigures(found);
  if (!drawn) console.warn(`figure-rules: ${staticRenderingUnavailable()}; only the rules on the JSON were checked`);
  for (const p of problems) console.log(`${p.figure}  [${p.rule}]  ${p.message}`);
  const bad = new Set(problems.map((p) => p.figure));
  console.log(`figure-rules: ${found.length} figure(s), ${problems.length} problem(s) in ${bad.size} figure(s)`);
  return problems.length ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`figure-rules: ${(e as Error).stack ?? e}`);
      process.exitCode = 1;
    },
  );
}
