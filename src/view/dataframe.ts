/**
 * Results as a danfojs DataFrame (danfo.js, "the pandas of JavaScript"), so that a reader can
 * describe, group, sort and filter them as a pandas user would.
 *
 * danfojs is loaded on the first call of {@link toDataFrame}, not when the library is imported: its
 * import loads TensorFlow.js (one to two seconds), which notebooks that never make a DataFrame
 * should not pay. Only the type is imported statically (erased at compile time).
 */
import type { DataFrame } from "danfojs-node";
import { isDataFrameLike } from "./table";
import { describeValue } from "../validate";

/** Options of {@link toDataFrame}. */
export interface ToDataFrameOptions {
  /**
   * The columns to keep, in this order (default: every key of the first row, in its order). Rows
   * may then carry other keys, e.g. a nested field that a DataFrame cannot hold.
   */
  columns?: string[];
}

/** The kind of one column; null values (missing) do not decide it. */
type ColumnKind = "number" | "string" | "boolean";

/**
 * Column names that danfojs 1.1.2 cannot hold: a DataFrame exposes each column as a property of
 * the same name, and these overwrite members its own methods rely on (construction, `values`,
 * `describe`, `sortValues`, `groupby` then fail or recurse without end). Names starting with "$"
 * are its internal members. Names of its public methods (`mean`, `std`, `count`, ...) do work, but
 * the column hides the method on that DataFrame: use `df["std"]` for the column.
 */
const RESERVED_COLUMNS = new Set(["", "columns", "constructor", "dtypes", "iloc", "index", "shape", "values", "__proto__"]);

function isReservedColumn(name: string): boolean {
  return RESERVED_COLUMNS.has(name) || name.startsWith("$");
}

/** A value as it appears in an error message (the project's format). */
const show = describeValue;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** An array or a typed array of numbers (a column of a result object). */
function isColumnArray(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/** The kind of one cell, or throws naming where it is. Null is missing; NaN and undefined are not allowed. */
function cellKind(fn: string, where: string, v: unknown): ColumnKind | null {
  if (v === null) return null;
  if (typeof v === "number") {
    if (Number.isNaN(v)) throw new RangeError(`${fn}: ${where} must be a number, a string, a boolean or null (null for a missing value), got NaN`);
    return "number";
  }
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (v === undefined) throw new TypeError(`${fn}: ${where} must be a number, a string, a boolean or null (null for a missing value), got undefined`);
  throw new TypeError(
    `${fn}: ${where} must be a DataFrame cell (a number, a string, a boolean or null), got ${show(v)}` +
      " (leave such a field out with options.columns, or flatten it into columns first)",
  );
}

/** danfojs's dtype of a column: int32 when every number is an integer in int32's range, else float32. */
function dtypeOf(kind: ColumnKind | null, values: unknown[]): string {
  if (kind === "string") return "string";
  if (kind === "boolean") return "boolean";
  const int32 = values.every((v) => v === null || (Number.isInteger(v) && Math.abs(v as number) <= 2147483647));
  return int32 && kind === "number" ? "int32" : "float32";
}

/** Checks the column names a DataFrame will carry. */
function checkColumnNames(fn: string, names: string[], what: string): void {
  if (names.length === 0) throw new RangeError(`${fn}: ${what} has no columns; expected at least one`);
  const seen = new Set<string>();
  for (const c of names) {
    if (typeof c !== "string") throw new TypeError(`${fn}: column names in ${what} must be strings, got ${show(c)}`);
    if (seen.has(c)) throw new RangeError(`${fn}: ${what} lists column ${JSON.stringify(c)} twice`);
    seen.add(c);
    if (isReservedColumn(c)) {
      throw new RangeError(
        `${fn}: column name ${JSON.stringify(c)} in ${what} cannot be used in a danfojs DataFrame (it would overwrite a member of the DataFrame itself; ` +
          `reserved: "", "$…", ${[...RESERVED_COLUMNS].filter((n) => n !== "").map((n) => JSON.stringify(n)).join(", ")}); rename it first`,
      );
    }
  }
}

/** Table of columns (name, values, kind), validated, from rows of objects. */
/** A column table: names, one array of values per column, and where cell (row i, column c) came from in the input. */
interface ColumnTable {
  names: string[];
  data: unknown[][];
  cell: (i: number, c: string) => string;
}

/** `.name` for an identifier, `["name"]` otherwise. */
function member(c: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(c) ? `.${c}` : `[${JSON.stringify(c)}]`;
}

function columnsFromRows(fn: string, rows: ReadonlyArray<unknown>, label: string, wanted?: string[]): ColumnTable {
  if (rows.length === 0) throw new RangeError(`${fn}: ${label} is empty; expected at least one row`);
  rows.forEach((r, i) => {
    if (!isPlainObject(r)) throw new TypeError(`${fn}: ${label}[${i}] must be an object of column values, got ${show(r)}`);
  });
  const objs = rows as ReadonlyArray<Record<string, unknown>>;
  const names = wanted ?? Object.keys(objs[0]);
  checkColumnNames(fn, names, wanted ? "options.columns" : `${label}[0]`);
  if (!wanted) {
    // A nested field (an array or object per row) cannot be a column: say which, and what to keep.
    const isCell = (v: unknown) => v === null || v === undefined || typeof v !== "object";
    const nested = names.filter((c) => !isCell(objs[0][c]));
    if (nested.length > 0) {
      const flat = names.filter((c) => isCell(objs[0][c]));
      throw new TypeError(
        `${fn}: ${label}[0] has nested field${nested.length > 1 ? "s" : ""} ${nested.map((c) => `${JSON.stringify(c)} (${show(objs[0][c])})`).join(", ")}; ` +
          `a DataFrame cell must be a number, a string, a boolean or null. Keep the other columns with options.columns: ${JSON.stringify(flat)}, ` +
          `or flatten the nested values into columns first`,
      );
    }
  }
  const first = new Set(names);
  objs.forEach((r, i) => {
    for (const c of names) {
      if (!Object.prototype.hasOwnProperty.call(r, c)) {
        throw new RangeError(`${fn}: ${label}[${i}] has no column ${JSON.stringify(c)} (expected the columns ${names.join(", ")}${wanted ? ", from options.columns" : ` of ${label}[0]`})`);
      }
    }
    if (!wanted) {
      for (const c of Object.keys(r)) {
        if (!first.has(c)) throw new RangeError(`${fn}: ${label}[${i}] has a column ${JSON.stringify(c)} that ${label}[0] lacks; every row must have the same columns (or choose them with options.columns)`);
      }
    }
  });
  return { names, data: names.map((c) => objs.map((r) => r[c])), cell: (i, c) => `${label}[${i}]${member(c)}` };
}

/** Table of columns from an object of equal-length arrays (scalars repeated on every row). */
function columnsFromObject(fn: string, obj: Record<string, unknown>, wanted?: string[]): ColumnTable {
  const names = wanted ?? Object.keys(obj);
  checkColumnNames(fn, names, wanted ? "options.columns" : "input");
  for (const c of names) {
    if (!Object.prototype.hasOwnProperty.call(obj, c)) throw new RangeError(`${fn}: input has no field ${JSON.stringify(c)} (fields: ${Object.keys(obj).join(", ")})`);
  }
  const arrays = names.filter((c) => isColumnArray(obj[c]));
  if (arrays.length === 0) {
    throw new TypeError(
      `${fn}: input must be an array of row objects, an object with an array \`rows\` (loaded runs), or an object of equal-length arrays; ` +
        `got an object with no array field (fields: ${Object.keys(obj).join(", ")})`,
    );
  }
  const n = (obj[arrays[0]] as ArrayLike<unknown>).length;
  for (const c of arrays) {
    const len = (obj[c] as ArrayLike<unknown>).length;
    if (len !== n) {
      const same = names.filter((x) => !isColumnArray(obj[x]) || (obj[x] as ArrayLike<unknown>).length === n);
      throw new RangeError(
        `${fn}: input.${c} has ${len} values but input.${arrays[0]} has ${n}; every array field must have the same length ` +
          `(keep the fields of one length with options.columns, e.g. ${JSON.stringify(same)})`,
      );
    }
  }
  if (n === 0) throw new RangeError(`${fn}: input.${arrays[0]} is empty; expected at least one row`);
  const data = names.map((c) => {
    const v = obj[c];
    if (isColumnArray(v)) return Array.from(v);
    cellKind(fn, `input${member(c)}`, v);
    return new Array<unknown>(n).fill(v);
  });
  return { names, data, cell: (i, c) => (isColumnArray(obj[c]) ? `input${member(c)}[${i}]` : `input${member(c)}`) };
}

/**
 * Turns results into a danfojs DataFrame, one column per field, ready for `describe()`,
 * `groupby(...)`, `sortValues(...)`, `query(...)` and `showTable`. Accepts
 *  - an array of row objects, as every `*Experiment` and `*Curve` that returns rows gives them
 *    (every row must have the same keys as the first, or the keys in `options.columns`);
 *  - a loaded runs object (anything with an array `rows`, such as `loadChinchillaRuns()`): its rows;
 *  - an object of equal-length arrays or typed arrays (such as `isolatedThresholdExperiment`'s
 *    result or a bootstrap's `draws`), where scalar fields are repeated on every row.
 *
 * Cells must be numbers, strings, booleans or null. null is a missing value (danfojs's `isNa`,
 * `dropNa` and `fillNa` see it; `describe()` in danfojs 1.1.2 fails on a numeric column that holds
 * one, so drop or fill them first). NaN and undefined are refused, with the row and the column: a NaN
 * in a result is an error upstream, not a missing value. ±Infinity is kept (it is a number; its
 * column's mean is then infinite, as in pandas). Each column has one kind; its danfojs dtype is
 * "int32" when every value is an integer within int32's range, "float32" for other numbers (a label:
 * the values stay JavaScript doubles), "string" or "boolean".
 *
 * A danfojs DataFrame is returned as it is.
 *
 * The first call loads danfojs (TensorFlow.js: one to two seconds); importing the library does not.
 */
export function toDataFrame(input: unknown, options: ToDataFrameOptions = {}): DataFrame {
  const fn = "toDataFrame";
  if (!isPlainObject(options)) throw new TypeError(`${fn}: options must be an object such as { columns: ["N", "loss"] }, got ${show(options)}`);
  const wanted = options.columns;
  if (wanted !== undefined && !Array.isArray(wanted)) throw new TypeError(`${fn}: options.columns must be an array of column names, got ${show(wanted)}`);
  let table: ColumnTable;
  if (isDataFrameLike(input)) {
    const dfd = loadDanfo();
    if (input instanceof dfd.DataFrame) return input;
  }
  if (Array.isArray(input)) table = columnsFromRows(fn, input, "input", wanted);
  else if (isPlainObject(input) && Array.isArray(input.rows)) table = columnsFromRows(fn, input.rows, "input.rows", wanted);
  else if (isPlainObject(input)) table = columnsFromObject(fn, input, wanted);
  else {
    throw new TypeError(
      `${fn}: input must be an array of row objects, an object with an array \`rows\` (loaded runs), or an object of equal-length arrays; got ${show(input)}`,
    );
  }
  const { names, data, cell } = table;
  const dtypes = names.map((c, j) => {
    let kind: ColumnKind | null = null;
    data[j].forEach((v, i) => {
      const k = cellKind(fn, cell(i, c), v);
      if (k === null) return;
      if (kind !== null && k !== kind) {
        throw new TypeError(`${fn}: ${cell(i, c)} must be a ${kind} (or null) like the earlier rows of column ${JSON.stringify(c)}, got ${show(v)}; a column holds one kind (and null)`);
      }
      kind = k;
    });
    return dtypeOf(kind, data[j]);
  });
  const rows = data[0].map((_, i) => data.map((col) => col[i]));
  const dfd = loadDanfo();
  return new dfd.DataFrame(rows, { columns: names, dtypes: dtypes });
}

/** danfojs, loaded on first use (see the module comment); Node caches it after that. */
function loadDanfo(): typeof import("danfojs-node") {
  return require("danfojs-node") as typeof import("danfojs-node");
}
