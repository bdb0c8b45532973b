/**
 * Tables for reading: rows of plain objects or a danfojs DataFrame become an HTML table and an
 * aligned text/plain table, with numbers formatted by {@link formatNumber}. Pure functions.
 *
 * danfojs is never imported here (its import loads TensorFlow.js, seconds): a DataFrame is
 * recognised by its shape (`columns` and `values`), so notebooks that never make one pay nothing.
 */
import { escapeHtml, formatCell, type FormatNumberOptions } from "./format";

/** Options of {@link tableBundle} and showTable. */
export interface TableOptions {
  /** A sentence shown above the table (what the rows are, which parameters). */
  caption?: string;
  /** Significant digits of numbers (default 4). */
  digits?: number;
  /** Show at most this many rows (default 200); the rest are counted in a note. */
  maxRows?: number;
  /** Column order / subset (default: keys of the first row, then new keys in order of appearance). */
  columns?: string[];
}

/** A table as column names and rows of raw cell values. */
export interface TableData {
  columns: string[];
  rows: unknown[][];
  /** Optional row labels (a DataFrame's index). */
  index?: unknown[];
}

/** The duck-typed part of a danfojs DataFrame this module reads. */
interface DataFrameLike {
  columns: string[];
  values: unknown[][];
  index?: unknown[];
}

/** True for a danfojs DataFrame or Series (anything with `columns` and 2-D or 1-D `values`). */
export function isDataFrameLike(x: unknown): boolean {
  if (!x || typeof x !== "object" || Array.isArray(x)) return false;
  const d = x as Partial<DataFrameLike>;
  try {
    if (!Array.isArray(d.columns) || !Array.isArray(d.values)) return false;
    const v = d.values as unknown[];
    const rows = v.every((r) => Array.isArray(r));
    const series = d.columns.length === 1 && v.every((r) => !Array.isArray(r));
    return rows || series;
  } catch {
    return false;
  }
}

/**
 * Normalises rows (array of objects) or a DataFrame-like value into {@link TableData}.
 * Throws naming the argument when it is neither.
 */
export function toTableData(input: unknown, options: { columns?: string[] } = {}): TableData {
  const fn = "showTable";
  if (isDataFrameLike(input)) {
    const raw = input as DataFrameLike;
    // A Series: one column of values.
    const df: DataFrameLike = (raw.values as unknown[]).every((r) => Array.isArray(r))
      ? raw
      : { columns: raw.columns, values: (raw.values as unknown[]).map((v) => [v]), index: raw.index };
    const all = df.columns.map(String);
    const cols = options.columns ?? all;
    const pos = cols.map((c) => {
      const i = all.indexOf(c);
      if (i < 0) throw new RangeError(`${fn}: column ${JSON.stringify(c)} is not in the DataFrame (columns: ${all.join(", ")})`);
      return i;
    });
    const index = Array.isArray(df.index) ? df.index.slice() : undefined;
    const isDefaultIndex = index?.every((v, i) => v === i) ?? true;
    return {
      columns: cols,
      rows: df.values.map((r) => pos.map((i) => r[i])),
      ...(isDefaultIndex ? {} : { index }),
    };
  }
  if (!Array.isArray(input)) {
    throw new TypeError(`${fn}: rows must be an array of objects or a danfojs DataFrame, got ${typeof input}`);
  }
  input.forEach((r, i) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) {
      throw new TypeError(`${fn}: rows[${i}] must be an object of column values, got ${typeof r === "bigint" ? `${r}n` : JSON.stringify(r)}`);
    }
  });
  const rows = input as Record<string, unknown>[];
  let cols = options.columns;
  if (!cols) {
    const seen = new Set<string>();
    cols = [];
    for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  }
  return { columns: cols, rows: rows.map((r) => cols!.map((c) => r[c])) };
}

function isNumeric(v: unknown): boolean {
  return typeof v === "number" || typeof v === "bigint";
}

/** The HTML and text/plain forms of a table. */
export function tableBundle(input: unknown, options: TableOptions = {}): { html: string; text: string } {
  const maxRows = options.maxRows ?? 200;
  if (!Number.isInteger(maxRows) || maxRows < 1) {
    throw new RangeError(`showTable: maxRows must be an integer >= 1, got ${String(maxRows)}`);
  }
  const fmt: FormatNumberOptions = options.digits === undefined ? {} : { digits: options.digits };
  const t = toTableData(input, { columns: options.columns });
  const shown = t.rows.slice(0, maxRows);
  const cells = shown.map((r) => r.map((v) => formatCell(v, fmt)));
  const numericCol = t.columns.map((_, j) => shown.length > 0 && shown.every((r) => r[j] == null || isNumeric(r[j])));
  const indexCells = t.index ? t.index.slice(0, maxRows).map((v) => formatCell(v, fmt)) : null;
  const more = t.rows.length > maxRows ? `… ${t.rows.length - maxRows} more rows (${t.rows.length} in all)` : "";

  // HTML: numbers right-aligned with tabular figures; title attribute keeps the full-precision value.
  const th = (indexCells ? ["<th></th>"] : [])
    .concat(t.columns.map((c, j) => `<th style="text-align:${numericCol[j] ? "right" : "left"}">${escapeHtml(c)}</th>`))
    .join("");
  const body = cells
    .map((r, i) => {
      const idx = indexCells ? `<th style="text-align:left">${escapeHtml(indexCells[i])}</th>` : "";
      const tds = r
        .map((c, j) => {
          const raw = shown[i][j];
          const full = typeof raw === "number" && String(raw) !== c ? ` title="${escapeHtml(String(raw))}"` : "";
          return `<td style="text-align:${numericCol[j] ? "right" : "left"}"${full}>${escapeHtml(c)}</td>`;
        })
        .join("");
      return `<tr>${idx}${tds}</tr>`;
    })
    .join("");
  const caption = options.caption
    ? `<div class="el-table-caption" style="margin-bottom:.3em">${escapeHtml(options.caption)}</div>`
    : "";
  const html =
    caption +
    `<table class="emergence-lab-table" style="font-variant-numeric:tabular-nums">` +
    `<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>` +
    (more ? `<p style="color:#666">${escapeHtml(more)}</p>` : "");

  // Text: aligned columns (numbers right, text left), caption first.
  const header = (indexCells ? [""] : []).concat(t.columns);
  const lines = cells.map((r, i) => (indexCells ? [indexCells[i]] : []).concat(r));
  const numeric = (indexCells ? [false] : []).concat(numericCol);
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const textLines = [
    ...(options.caption ? [options.caption] : []),
    header.map(pad).join("  ").trimEnd(),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...lines.map((l) => l.map(pad).join("  ").trimEnd()),
    ...(more ? [more] : []),
  ];
  return { html, text: textLines.join("\n") };
}
