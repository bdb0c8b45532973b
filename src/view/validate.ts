/**
 * Argument checks of the figure builders (internal): labels, rows of results, extra series. Every
 * message names the builder, the argument (down to the field, e.g. `rows[2].meanDegree`), the value
 * and what was expected, so a wrong row fails at the builder instead of deep inside plotly's JSON.
 */
import { checkFinite, checkInteger, describeValue, failArg } from "../validate";
import { validateFigureId, type Series } from "./figure";

/** A check of one field: throws naming `fn` and `name`; `row` is the record the field belongs to. */
export type FieldCheck = (fn: string, name: string, value: unknown, row: Record<string, unknown>) => void;

/** The optional labels every builder takes: title, caption (strings) and id (a file-name-safe string). */
export function checkLabels<T extends object>(fn: string, options: T | undefined, name = "options"): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options)) failArg(fn, name, options, "an options object");
  const o = options as Record<string, unknown>;
  for (const key of ["title", "caption"]) {
    if (o[key] !== undefined && typeof o[key] !== "string") failArg(fn, `${name}.${key}`, o[key], "a string");
  }
  validateFigureId(fn, o.id);
  return options;
}

/** A non-empty array of records (plain objects), each field checked; returned as given. */
export function checkRecords<T>(fn: string, name: string, value: unknown, fields: Record<string, FieldCheck>): T[] {
  if (!Array.isArray(value) || value.length === 0) failArg(fn, name, value, "a non-empty array of result rows");
  value.forEach((row, i) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) failArg(fn, `${name}[${i}]`, row, "a result row (an object)");
    for (const [key, check] of Object.entries(fields)) check(fn, `${name}[${i}].${key}`, (row as Record<string, unknown>)[key], row as Record<string, unknown>);
  });
  return value as T[];
}

/** Field checks. */
export const field = {
  finite: ((fn, name, v) => void checkFinite(fn, name, v)) as FieldCheck,
  positive: ((fn, name, v) => {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) failArg(fn, name, v, "a finite number > 0");
  }) as FieldCheck,
  nonNegative: ((fn, name, v) => {
    if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)) failArg(fn, name, v, "a finite number >= 0");
  }) as FieldCheck,
  fraction: ((fn, name, v) => {
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) failArg(fn, name, v, "a number in [0, 1]");
  }) as FieldCheck,
  integer: (min: number): FieldCheck => (fn, name, v) => void checkInteger(fn, name, v, min),
  string: ((fn, name, v) => {
    if (typeof v !== "string") failArg(fn, name, v, "a string");
  }) as FieldCheck,
  boolean: ((fn, name, v) => {
    if (typeof v !== "boolean") failArg(fn, name, v, "a boolean");
  }) as FieldCheck,
  /** null, or what `check` accepts. */
  nullable: (check: FieldCheck): FieldCheck => (fn, name, v, row) => {
    if (v !== null) check(fn, name, v, row);
  },
  /** undefined, or what `check` accepts. */
  optional: (check: FieldCheck): FieldCheck => (fn, name, v, row) => {
    if (v !== undefined) check(fn, name, v, row);
  },
  /** A non-empty array (or typed array) whose entries pass `each`; with `sameAs`, as long as that field. */
  list: (each: FieldCheck, sameAs?: string): FieldCheck => (fn, name, v, row) => {
    if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || (v as ArrayLike<unknown>).length === 0) failArg(fn, name, v, "a non-empty array of numbers");
    const a = v as ArrayLike<unknown>;
    if (sameAs !== undefined && a.length !== (row[sameAs] as ArrayLike<unknown> | undefined)?.length) {
      failArg(fn, `${name}.length`, a.length, `the length of ${sameAs} (${(row[sameAs] as ArrayLike<unknown> | undefined)?.length})`);
    }
    for (let i = 0; i < a.length; i++) each(fn, `${name}[${i}]`, a[i], row);
  },
};

/**
 * Extra series drawn by a builder (overlays): name a string, x and y equal-length arrays of finite
 * numbers (NaN and ±Infinity allowed as gaps with allowGaps), > 0 on a logarithmic axis.
 */
export function checkSeriesList(fn: string, name: string, value: unknown, axes: { xLog: boolean; yLog: boolean }): readonly Series[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) failArg(fn, name, value, "an array of series { name, x, y }");
  value.forEach((s, i) => {
    const at = `${name}[${i}]`;
    if (s === null || typeof s !== "object") failArg(fn, at, s, "a series { name, x, y }");
    const series = s as Series;
    if (typeof series.name !== "string") failArg(fn, `${at}.name`, series.name, "a string");
    if (series.allowGaps !== undefined && typeof series.allowGaps !== "boolean") failArg(fn, `${at}.allowGaps`, series.allowGaps, "a boolean");
    for (const [axis, log] of [["x", axes.xLog], ["y", axes.yLog]] as const) {
      const v = series[axis] as unknown;
      if (!(Array.isArray(v) || ArrayBuffer.isView(v))) failArg(fn, `${at}.${axis}`, v, "an array of numbers");
      const a = v as ArrayLike<unknown>;
      for (let j = 0; j < a.length; j++) {
        const x = a[j];
        const gap = series.allowGaps === true && axis === "y" && typeof x === "number" && !Number.isFinite(x);
        if (gap) continue;
        if (typeof x !== "number" || !Number.isFinite(x)) failArg(fn, `${at}.${axis}[${j}]`, x, "a finite number (NaN only as a gap with allowGaps)");
        if (log && x <= 0) failArg(fn, `${at}.${axis}[${j}]`, x, "> 0 (the axis is logarithmic)");
      }
    }
    if ((series.x as ArrayLike<number>).length !== (series.y as ArrayLike<number>).length) {
      failArg(fn, `${at}.y.length`, (series.y as ArrayLike<number>).length, `the length of x (${(series.x as ArrayLike<number>).length})`);
    }
  });
  return value as Series[];
}

/** An optional boolean option. */
export function checkOptionalBoolean(fn: string, name: string, v: unknown): boolean | undefined {
  if (v !== undefined && typeof v !== "boolean") throw new TypeError(`${fn}: ${name} must be a boolean, got ${describeValue(v)}`);
  return v as boolean | undefined;
}

/** The fields of one object (an options object or a nested one): `prefix.key` in messages. */
export function checkFields(fn: string, prefix: string, value: unknown, fields: Record<string, FieldCheck>): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) failArg(fn, prefix || "options", value, "an object");
  for (const [key, check] of Object.entries(fields)) check(fn, prefix ? `${prefix}.${key}` : key, (value as Record<string, unknown>)[key], value as Record<string, unknown>);
}
