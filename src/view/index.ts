/**
 * The view layer: figures, tables and progress in a tslab kernel (only this layer knows tslab,
 * plotly and danfojs).
 * - Figures: `lineFigure` / `plotlyFigure` build a `Figure` (plotly data + layout, id, caption);
 *   `show(figure)` displays it (interactive offline plotly in Jupyter, plotly JSON for native
 *   renderers, a static image added by `npm run lessons`, text elsewhere).
 * - Tables: `showTable(rows | DataFrame | Series, { caption, digits })`; `formatNumber` for reading.
 * - Progress: `progress({ label, total })` -> `{ tick, done }`, one updating line.
 * Area figure builders (graphs, scaling, theory, sim, combinatorics) are re-exported below.
 */
export * from "./figure";
export * from "./display";
export { formatNumber, formatScientific, formatCell, formatDuration } from "./format";
export type { FormatNumberOptions } from "./format";
export { tableBundle, toTableData, isDataFrameLike } from "./table";
export type { TableOptions, TableData } from "./table";
export { progress, progressText } from "./progress";
export type { Progress, ProgressOptions, ProgressState } from "./progress";
export { figureBundle, figureHtml, figureText, standaloneFigureHtml, PLOTLY_MIME, VIEW_METADATA_KEY, PLOTLY_JS_RELATIVE_PATH } from "./figure-html";
export type { FigureHtmlOptions, FigureOutputMetadata } from "./figure-html";
export * from "./theory";
export * from "./combinatorics";
export * from "./scaling";
export * from "./sim";
export * from "./graphs";
