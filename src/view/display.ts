/**
 * Display figures and tables in a running tslab kernel. Only this layer knows tslab.
 * Outside a kernel (plain Node scripts, tools) the same calls print a short text form to stdout.
 */
import { validateFigure, type Figure } from "./figure";
import { figureBundle, figureText } from "./figure-html";
import { sendDisplay, uniqueViewId } from "./kernel";
import { tableBundle, type TableOptions } from "./table";
import { checkInteger, checkOptions, describeValue } from "../validate";

/** Options of {@link show}. */
export interface ShowOptions {
  /** Override the figure's caption for this display. */
  caption?: string;
}

/**
 * Shows a figure: interactive plotly in a live Jupyter page (plotly.js from the project's
 * node_modules, loaded once per page), the plotly JSON for native renderers, a text summary
 * elsewhere. The stored output stays small (the spec, not plotly.js). See figure-html.ts.
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  validateFigure("show", figure);
  checkOptions("show", options, "{ caption? }");
  if (options.caption !== undefined && typeof options.caption !== "string") throw new TypeError(`show: options.caption must be a string, got ${describeValue(options.caption)}`);
  const fig: Figure = options.caption !== undefined ? { ...figure, caption: options.caption } : figure;
  const { data, metadata } = figureBundle(fig, { elementId: uniqueViewId("el-fig") });
  if (!sendDisplay(data, metadata)) console.log(figureText(fig));
}

/**
 * Shows rows of plain objects, or a danfojs DataFrame, as an HTML table with a text/plain
 * fallback; numbers get `digits` significant digits and scientific notation when huge or tiny.
 */
export function showTable(rows: Record<string, unknown>[] | object, options: TableOptions = {}): void {
  const fn = "showTable";
  checkOptions(fn, options, "{ caption?, digits?, maxRows?, columns? }");
  if (options.caption !== undefined && typeof options.caption !== "string") throw new TypeError(`${fn}: options.caption must be a string, got ${describeValue(options.caption)}`);
  if (options.digits !== undefined) checkInteger(fn, "options.digits", options.digits, 1, 15);
  if (options.maxRows !== undefined) checkInteger(fn, "options.maxRows", options.maxRows, 1);
  if (options.columns !== undefined && (!Array.isArray(options.columns) || options.columns.some((c) => typeof c !== "string"))) {
    throw new TypeError(`${fn}: options.columns must be an array of column names, got ${describeValue(options.columns)}`);
  }
  const { html, text } = tableBundle(rows, options);
  if (!sendDisplay({ "text/html": html, "text/plain": text }, { "emergence-lab": { kind: "table" } })) {
    console.log(text);
  }
}

/**
 * Shows a paragraph of Markdown (with $…$ maths) written from computed numbers: rendered in a Jupyter
 * page, printed as text elsewhere. Lessons use it for sentences that quote results, so that the prose
 * always matches the data the notebook ran on.
 */
export function showMarkdown(markdown: string): void {
  if (typeof markdown !== "string" || markdown.trim() === "") {
    throw new TypeError(`showMarkdown: markdown must be a non-empty string, got ${describeValue(markdown)}`);
  }
  if (!sendDisplay({ "text/markdown": markdown, "text/plain": markdown }, { "emergence-lab": { kind: "markdown" } })) {
    console.log(markdown);
  }
}
