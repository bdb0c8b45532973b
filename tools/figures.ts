/**
 * `npm run figures`: exports every figure that has an id from the executed notebooks in
 * build/notebooks/ (written by `npm run lessons`; nothing is executed here) to
 *   build/figures/<id>.png   (the notebook's stored static image, or rendered now with Chromium)
 *   build/figures/<id>.html  (standalone: plotly.js inlined, works offline from disk)
 *   build/figures/contact-sheet.png  (all figures as thumbnails with their ids, one picture)
 *
 * Usage: node .out/tools/figures.js [--in build/notebooks] [--out build/figures]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "./lib/atomic-write";
import { PROJECT_ROOT } from "./lib/paths";
import { figureTitle, type Figure } from "../src/view/figure";
import { standaloneFigureHtml } from "../src/view/figure-html";
import { writeContactSheet, type ContactSheetEntry } from "./lib/contact-sheet";
import {
  FigureRenderer,
  figureOutputs,
  outputFigure,
  plotlyJsFile,
  staticRenderingUnavailable,
} from "./static-images";

function options(argv: string[]): { inDir: string; outDir: string } {
  try {
    const { values } = parseArgs({ args: argv, options: { in: { type: "string" }, out: { type: "string" } }, strict: true, allowPositionals: false });
    return {
      inDir: values.in ? path.resolve(values.in) : path.join(PROJECT_ROOT, "build", "notebooks"),
      outDir: values.out ? path.resolve(values.out) : path.join(PROJECT_ROOT, "build", "figures"),
    };
  } catch (e) {
    console.error(`figures: ${(e as Error).message}; usage: npm run figures [-- --in DIR] [--out DIR]`);
    process.exit(2);
  }
}

interface Found {
  figure: Figure;
  png?: string;
  where: string;
}

/** Figures with ids in the executed notebooks of a folder, in notebook order. */
export function collectFigures(dir: string): { found: Map<string, Found>; warnings: string[]; notebooks: number } {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
  const found = new Map<string, Found>();
  const warnings: string[] = [];
  for (const f of files) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    figureOutputs(nb).forEach((o, k) => {
      const figure = outputFigure(o);
      if (!figure.id) return;
      const where = `${f} (figure output #${k + 1})`;
      const prev = found.get(figure.id);
      if (prev) warnings.push(`figure id ${figure.id} appears twice: ${prev.where} and ${where}; keeping the later one`);
      const png = o.data?.["image/png"];
      found.set(figure.id, { figure, where, png: typeof png === "string" ? png : Array.isArray(png) ? png.join("") : undefined });
    });
  }
  return { found, warnings, notebooks: files.length };
}

async function main(): Promise<void> {
  const { inDir, outDir } = options(process.argv.slice(2));
  if (!fs.existsSync(inDir) || !fs.readdirSync(inDir).some((f) => f.endsWith(".ipynb"))) {
    console.error(`figures: no executed notebooks in ${path.relative(process.cwd(), inDir) || inDir}; run \`npm run lessons\` first.`);
    process.exit(1);
  }
  const { found, warnings, notebooks } = collectFigures(inDir);
  for (const w of warnings) console.warn(`figures: warning: ${w}`);
  fs.mkdirSync(outDir, { recursive: true });
  const plotlyJs = fs.readFileSync(plotlyJsFile(), "utf8");
  const needRender = [...found.values()].filter((f) => !f.png);
  let renderer: FigureRenderer | null = null;
  if (needRender.length) {
    const why = staticRenderingUnavailable();
    if (why) console.warn(`figures: ${needRender.length} figure(s) have no stored image and ${why}`);
    else renderer = await FigureRenderer.open();
  }
  let pngs = 0;
  const sheet: ContactSheetEntry[] = [];
  try {
    for (const [id, f] of found) {
      writeFileAtomic(path.join(outDir, `${id}.html`), standaloneFigureHtml(f.figure, plotlyJs));
      let png = f.png;
      if (!png && renderer) png = (await renderer.render(f.figure)).png;
      if (png) {
        fs.writeFileSync(path.join(outDir, `${id}.png`), Buffer.from(png, "base64"));
        pngs += 1;
        sheet.push({ id, png: path.join(outDir, `${id}.png`), label: figureTitle(f.figure) });
      }
    }
  } finally {
    await renderer?.close();
  }
  if (sheet.length && !staticRenderingUnavailable()) {
    await writeContactSheet(sheet, path.join(outDir, "contact-sheet.png"), { title: `${sheet.length} figures from ${notebooks} notebooks` });
    console.log(`figures: contact sheet -> ${path.relative(process.cwd(), path.join(outDir, "contact-sheet.png"))}`);
  }
  console.log(
    `figures: ${found.size} figure(s) with ids from ${notebooks} notebook(s) -> ${path.relative(process.cwd(), outDir) || outDir} ` +
      `(${found.size} .html, ${pngs} .png)`,
  );
  if (pngs < found.size && process.env.CI === "true") {
    console.error("figures: under CI=true every figure must have a PNG");
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`figures: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
